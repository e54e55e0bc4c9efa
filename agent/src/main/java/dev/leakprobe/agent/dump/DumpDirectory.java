package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.format.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The directory dumps go to: created owner-only (0700), because heap dumps hold the application's secrets. An
 * existing one is used as it is, with one warning if others can write to it or it is not ours: everything we put
 * there is written so that a planted link is never followed ({@link PrivateFiles}), but they can still delete it.
 */
public final class DumpDirectory {

    private DumpDirectory() {}

    public static void ensure(Path dir) throws IOException {
        for (String problem : PrivateFiles.ensureDirectory(dir)) {
            AgentLog.warnOnce(
                    "dump-dir:" + problem,
                    problem + "; other users can delete or replace dumps there" + " (said once)");
        }
    }
}
