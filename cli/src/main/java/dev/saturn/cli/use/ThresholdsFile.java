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
        Thresholds defaults = Thresholds.defaults();
        if (config == null) {
            return defaults;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserException("cannot read --config " + config + ": " + describe(e));
        }
        try {
            return defaults.with(p);
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
