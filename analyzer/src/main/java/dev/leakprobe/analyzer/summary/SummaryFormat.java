package dev.leakprobe.analyzer.summary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of a {@code .leakprobe-summary}: one header line {@code leakprobe-summary sha256=<64 hex>}, the SHA-256
 * of every byte after it, then the summary as gzipped JSON.
 *
 * <p>Why a checksum of our own: one flipped bit inside the gzip was trusted. The reader stopped at the end of the
 * JSON, before gzip's CRC; Jackson skips a property whose name is damaged; gzip's own header has no checksum; and a
 * count of 25 read as 2 changed a verdict. The digest covers the whole body, and the gzip stream is also read to its
 * end, so that its CRC and length are checked.
 */
final class SummaryFormat {

    private static final String MAGIC = "leakprobe-summary sha256=";
    private static final int HEADER = MAGIC.length() + 64 + 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // The stream is drained to its end after the JSON (for the CRC and the digest): Jackson must not close it.
            .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);

    /** The file is not what we wrote: a bit flipped, a truncated copy, another file under the name. */
    static final class Damaged extends IOException {
        Damaged(String reason) {
            super(reason);
        }
    }

    /** A summary of an older leakprobe: plain gzip, without our header. */
    static final class OtherVersion extends IOException {
        OtherVersion() {
            super("a summary of another leakprobe version");
        }
    }

    private SummaryFormat() {}

    static void write(OutputStream out, DumpSummary summary) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(body)) {
            JSON.writeValue(gzip, summary);
        }
        byte[] bytes = body.toByteArray();
        out.write(
                (MAGIC + HexFormat.of().formatHex(sha256().digest(bytes)) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
    }

    /**
     * Reads a whole summary file and checks its digest, its gzip CRC and its structure ({@link SummaryCheck}); never
     * returns a summary that fails any of them.
     */
    static DumpSummary read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            String expected = readHeader(raw);
            MessageDigest sha = sha256();
            DigestInputStream body = new DigestInputStream(raw, sha);
            DumpSummary summary = null;
            String problem = null;
            try {
                GZIPInputStream gzip = new GZIPInputStream(body);
                summary = JSON.readValue(gzip, DumpSummary.class);
                gzip.transferTo(OutputStream.nullOutputStream());
            } catch (EOFException e) {
                problem = "it ends early";
            } catch (IOException | RuntimeException e) {
                problem = "not readable as gzipped JSON";
            }
            body.transferTo(OutputStream.nullOutputStream());
            if (!HexFormat.of().formatHex(sha.digest()).equals(expected)) {
                throw new Damaged("its checksum does not match");
            }
            if (problem != null || summary == null) {
                throw new Damaged(problem != null ? problem : "empty");
            }
            if (summary.format() != DumpSummary.FORMAT) {
                return summary; // another version's: its readers say so, whatever its shape
            }
            String insane = SummaryCheck.problem(summary);
            if (insane != null) {
                throw new Damaged("its content is impossible: " + insane);
            }
            return summary;
        }
    }

    private static String readHeader(InputStream raw) throws IOException {
        byte[] header = raw.readNBytes(HEADER);
        if (header.length >= 2 && (header[0] & 0xff) == 0x1f && (header[1] & 0xff) == 0x8b) {
            throw new OtherVersion();
        }
        String line = new String(header, StandardCharsets.ISO_8859_1);
        if (header.length < HEADER || !line.startsWith(MAGIC) || header[HEADER - 1] != '\n') {
            throw new Damaged("no leakprobe summary header");
        }
        return line.substring(MAGIC.length(), HEADER - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
