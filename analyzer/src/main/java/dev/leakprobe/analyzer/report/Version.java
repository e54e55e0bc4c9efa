package dev.leakprobe.analyzer.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, filtered into the jar by Maven. */
public final class Version {

    private Version() {}

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/leakprobe/analyzer/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev").replace("-SNAPSHOT", "");
        } catch (IOException e) {
            return "dev";
        }
    }
}
