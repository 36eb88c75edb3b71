package dev.saturn.collectors.jvm;

import dev.saturn.collectors.ProfilingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * /tmp/perf-PID.map, where perf looks up the names of JIT-compiled code: HotSpot writes it on
 * Compiler.perfmap (JDK 17+). Written after recording, it names the methods compiled by then, which
 * for a steady workload are the ones sampled.
 */
public final class PerfMap {
    private static final String WHAT = "naming JIT frames for perf";

    private PerfMap() {
    }

    /** Where perf looks for the map of this process (in the target's own /tmp). */
    public static Path path(TargetProcess target) {
        return Path.of("/tmp/perf-" + target.pid() + ".map");
    }

    /**
     * Asks the JVM to write its map; returns true when the file was not there before (the caller may
     * remove it). Through the JDK's jcmd where there is one, which leaves nothing running in the
     * target; else through the DiagnosticCommand MBean, which starts the target's local management agent.
     */
    public static boolean write(TargetProcess target) {
        boolean existed = Files.exists(path(target));
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (Files.isExecutable(jcmd)) {
            JvmAttach.requireAttachable(target, WHAT);
            jcmd(jcmd, target);
        } else {
            try (DiagnosticCommands dcmd = DiagnosticCommands.open(target, WHAT)) {
                dcmd.run("compilerPerfmap");
            }
        }
        return !existed;
    }

    private static void jcmd(Path jcmd, TargetProcess target) {
        String said;
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(target.pid()), "Compiler.perfmap")
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ProfilingException("JVM " + target.label() + " did not answer jcmd Compiler.perfmap within 30 s");
            }
            if (p.exitValue() == 0 && said.contains("Command executed successfully")) {
                return;
            }
        } catch (IOException e) {
            throw new ProfilingException("cannot run " + jcmd + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProfilingException("interrupted while JVM " + target.label() + " wrote its perf map");
        }
        if (!target.alive()) {
            throw TargetProcess.gone(target.pid());
        }
        String last = said.isEmpty() ? "no answer" : said.lines().reduce((a, b) -> b).orElse(said);
        throw new ProfilingException("JVM " + target.label() + " did not write its perf map (jcmd Compiler.perfmap: " + last + ")");
    }
}
