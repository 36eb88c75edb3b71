package dev.saturn.collectors.jvm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * /tmp/perf-PID.map, where perf looks up the names of JIT-compiled code: HotSpot writes it on
 * Compiler.perfmap (JDK 17+). Written after recording, it names the methods compiled by then, which
 * for a steady workload are the ones sampled.
 */
public final class PerfMap {
    private PerfMap() {
    }

    /** Where perf looks for the map of this process (in the target's own /tmp). */
    public static Path path(TargetProcess target) {
        return Path.of("/tmp/perf-" + target.pid() + ".map");
    }

    /** Asks the JVM to write its map; returns true when the file was not there before (the caller may remove it). */
    public static boolean write(TargetProcess target) {
        boolean existed = Files.exists(path(target));
        try (DiagnosticCommands dcmd = DiagnosticCommands.open(target, "naming JIT frames for perf")) {
            dcmd.run("compilerPerfmap");
        }
        return !existed;
    }
}
