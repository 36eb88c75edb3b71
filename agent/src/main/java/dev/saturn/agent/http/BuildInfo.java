package dev.saturn.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, as Maven wrote it into build.properties, for saturn_build_info. */
final class BuildInfo {
    static final String VERSION = load();

    private BuildInfo() {
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
