package dev.leakprobe.analyzer.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A report could not be written (a full disk, a folder in the way, no permission): the CLI's exit 4, with the file's
 * name, so that a full disk is not mistaken for bad input.
 */
public final class ReportWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    public ReportWriteException(Path file, String why) {
        super("cannot write " + file + ": " + why);
    }

    ReportWriteException(Path file, IOException cause) {
        super("cannot write " + file + ": " + reason(cause), cause);
    }

    /** The system's words ({@code No space left on device}), without the path the JDK puts before them. */
    private static String reason(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            message = fse.getReason();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
