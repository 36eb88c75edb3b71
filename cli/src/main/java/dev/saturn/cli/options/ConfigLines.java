package dev.saturn.cli.options;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The text of a --config file: {@code name = value} lines; {@code #} starts a comment, on a line of
 * its own or after a value; blank lines are skipped. A name given twice is an error, not the last
 * one silently winning.
 */
final class ConfigLines {
    private ConfigLines() {
    }

    /** The settings; an {@link IllegalArgumentException} "line N: ..." for a line that is none. */
    static Properties parse(String text) {
        Properties settings = new Properties();
        Map<String, Integer> lineOf = new HashMap<>();
        int number = 0;
        for (String raw : text.split("\r?\n", -1)) {
            number++;
            int hash = raw.indexOf('#');
            String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).strip();
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("line " + number + ": '" + line + "' is not a setting: give name = value,"
                        + " e.g. utilization.warn = 80");
            }
            String value = line.substring(equals + 1).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("line " + number + ": " + name + " has no value");
            }
            Integer earlier = lineOf.putIfAbsent(name, number);
            if (earlier != null) {
                throw new IllegalArgumentException("line " + number + ": " + name + " is set already on line " + earlier);
            }
            settings.setProperty(name, value);
        }
        return settings;
    }
}
