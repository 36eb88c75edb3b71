package dev.saturn.collectors.jvm;

import dev.saturn.collectors.ProfilingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * JDK Flight Recorder in a running JVM, by JFR.start, JFR.dump and JFR.stop through the
 * DiagnosticCommand MBean. Files are written by the target JVM, as its user, so paths are absolute.
 */
public final class JfrControl {
    private static final String WHAT = "JFR control";

    private JfrControl() {
    }

    /**
     * @param name      the recording's name, to dump or stop it later
     * @param settings  a .jfc name (default, profile) or file
     * @param duration  stop by itself after this long, or null to run until stopped
     * @param file      where the JVM writes the recording when it ends (with duration or at exit), or null
     * @param maxAge    how much history to keep in the disk repository, or null
     */
    public record Start(String name, String settings, Duration duration, Path file, Duration maxAge) {
    }

    /** Returns the JVM's own words ("Started recording 1. ..."). */
    public static String start(TargetProcess target, Start s) {
        List<String> args = new ArrayList<>();
        args.add("name=" + s.name());
        args.add("settings=" + s.settings());
        if (s.duration() != null) {
            args.add("duration=" + seconds(s.duration()));
        }
        if (s.file() != null) {
            args.add("filename=" + s.file().toAbsolutePath());
        }
        if (s.maxAge() != null) {
            args.add("maxage=" + seconds(s.maxAge()));
        }
        return run(target, "jfrStart", args, s.file());
    }

    /** Writes what the recording holds so far to {@code file}; the recording goes on. */
    public static String dump(TargetProcess target, String name, Path file) {
        return run(target, "jfrDump", List.of("name=" + name, "filename=" + file.toAbsolutePath()), file);
    }

    /** Stops the recording, writing it to {@code file} first when one is given. */
    public static String stop(TargetProcess target, String name, Path file) {
        List<String> args = new ArrayList<>();
        args.add("name=" + name);
        if (file != null) {
            args.add("filename=" + file.toAbsolutePath());
        }
        return run(target, "jfrStop", args, file);
    }

    /** The recordings in the JVM, as JFR.check lists them. */
    public static String check(TargetProcess target) {
        return run(target, "jfrCheck", List.of(), null);
    }

    private static String run(TargetProcess target, String operation, List<String> args, Path file) {
        String said;
        try (DiagnosticCommands dcmd = DiagnosticCommands.open(target, WHAT)) {
            said = dcmd.run(operation, args.toArray(new String[0]));
        }
        if (refused(said)) {
            String why = said.replaceAll("\\s*\\n\\s*", " ").strip();
            if (file != null && target.uid() != selfUid()) {
                why += " (the JVM writes the file itself, as uid " + target.uid() + ": give a directory that user can write)";
            }
            throw new ProfilingException("JVM " + target.label() + ": " + why);
        }
        return said;
    }

    /** The JFR commands report a refusal as their text output ("Could not find saturn. ..."), not as an error. */
    static boolean refused(String said) {
        String first = said.lines().findFirst().orElse("").toLowerCase(java.util.Locale.ROOT);
        return first.startsWith("could not") || first.startsWith("no recording") || first.contains("failed");
    }

    private static int selfUid() {
        try {
            return (Integer) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000) + "s";
    }
}
