package dev.saturn.cli.use;

import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.cli.UserException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** --config FILE of `saturn use` and `saturn agent`: threshold overrides over the defaults. */
public final class ThresholdsFile {
    private ThresholdsFile() {
    }

    /** The defaults when {@code config} is null. */
    public static Thresholds load(Path config) {
        return config == null ? Thresholds.defaults() : thresholds(config, read(config));
    }

    /** The whole file (the agent's also holds trigger.* settings); empty when {@code config} is null. */
    public static Properties read(Path config) {
        Properties p = new Properties();
        if (config == null) {
            return p;
        }
        try (Reader r = Files.newBufferedReader(config)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserException("cannot read --config " + config + ": " + describe(e));
        }
        return p;
    }

    /** The thresholds of a file already read, leaving out keys that start with {@code skipPrefix}. */
    public static Thresholds thresholds(Path config, Properties p, String skipPrefix) {
        Properties kept = new Properties();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith(skipPrefix)) {
                kept.setProperty(key, p.getProperty(key));
            }
        }
        return thresholds(config, kept);
    }

    private static Thresholds thresholds(Path config, Properties p) {
        try {
            return Thresholds.defaults().with(p);
        } catch (IllegalArgumentException e) {
            throw new UserException(config + ": " + e.getMessage());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text; give a file of lines such as utilization.warn = 80";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
