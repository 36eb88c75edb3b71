package dev.saturn.cli.options;

import dev.saturn.agent.trigger.TriggerConfig;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.cli.common.UserException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * --config FILE, one file for `saturn use` and `saturn agent`: threshold overrides (utilization.warn = 80)
 * and the agent's trigger.* settings. Both commands check every line, so a typo shows whichever reads it.
 */
public final class ConfigFile {
    private static final String TRIGGER = "trigger.";

    private ConfigFile() {
    }

    /** The whole file; empty when {@code config} is null. */
    public static Properties read(Path config) {
        if (config == null) {
            return new Properties();
        }
        String text;
        try {
            text = Files.readString(config);
        } catch (IOException e) {
            throw new UserException("cannot read --config " + config + ": " + describe(e));
        }
        try {
            return ConfigLines.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(config + " " + e.getMessage());
        }
    }

    /** The thresholds of `saturn use`; the trigger.* settings are checked too. The defaults when {@code config} is null. */
    public static Thresholds load(Path config) {
        if (config == null) {
            return Thresholds.defaults();
        }
        Properties settings = read(config);
        trigger(config, settings, TriggerConfig.disabled());
        return thresholds(config, settings);
    }

    /** The threshold overrides of a file already read over the defaults. */
    public static Thresholds thresholds(Path config, Properties settings) {
        Properties kept = new Properties();
        for (String key : settings.stringPropertyNames()) {
            if (!key.startsWith(TRIGGER)) {
                kept.setProperty(key, settings.getProperty(key));
            }
        }
        try {
            return Thresholds.defaults().with(kept);
        } catch (IllegalArgumentException e) {
            throw new UserException(config + ": " + e.getMessage());
        }
    }

    /** The trigger.* settings of a file already read over {@code base}. */
    public static TriggerConfig trigger(Path config, Properties settings, TriggerConfig base) {
        try {
            return base.with(settings);
        } catch (IllegalArgumentException e) {
            throw new UserException(config + ": " + e.getMessage());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text; give a file of lines such as utilization.warn = 80";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
