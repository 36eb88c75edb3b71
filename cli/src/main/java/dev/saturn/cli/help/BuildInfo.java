package dev.saturn.cli.help;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which saturn this is: its version, the commit it was built from and that commit's date, written by the build
 * (src/build/build-info.sh) into the jar; "unknown" for what a build outside a git checkout cannot know.
 */
public record BuildInfo(String version, String commit, String date) {
    private static final String RESOURCE = "/dev/saturn/cli/build-info.properties";

    public static BuildInfo read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a jar without it: a build that skipped the step
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"), p.getProperty("date", "unknown"));
    }

    /** "saturn 0.1.0 (commit 1a2b3c4d5e6f, 2026-12-08)". */
    public String line() {
        return "saturn " + version + " (commit " + commit + ", " + date + ")";
    }
}
