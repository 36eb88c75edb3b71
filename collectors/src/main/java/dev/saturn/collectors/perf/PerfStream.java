package dev.saturn.collectors.perf;

import dev.saturn.collectors.ProfilingException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * `perf record -a -g -o - | perf script -i -` that runs until closed: every CPU's stacks as perf script text, a
 * second or so after they are sampled, with no file in between. Timestamps are CLOCK_MONOTONIC ({@code -k mono}),
 * the clock of {@link System#nanoTime()}, so a reader can tell which samples came before a moment of its own.
 * perf record wakes up when 4 of its 8 pages per CPU fill, or at the latest every few seconds at low rates.
 *
 * <p>Both processes die with the thread that started them ({@link DeathSignal}), and each with the other: perf
 * script ends at the end of its input, perf record on a broken pipe.
 */
public final class PerfStream implements AutoCloseable {
    private static final int MMAP_PAGES = 8;
    private static final long START_GRACE_MS = 300;

    private final Path dir;
    private final Process record;
    private final Process script;

    private PerfStream(Path dir, Process record, Process script) {
        this.dir = dir;
        this.record = record;
        this.script = script;
    }

    /** Starts the pipeline at {@code frequency} samples a second per CPU; fails at once when perf cannot record every CPU. */
    public static PerfStream start(String perfCommand, int frequency) {
        Path perf = PerfRecorder.locate(perfCommand);
        PerfAccess.ofThisProcess().refusal(true).ifPresent(reason -> {
            throw new ProfilingException(reason);
        });
        Path dir;
        try {
            dir = Files.createTempDirectory("saturn-ring-");
        } catch (IOException e) {
            throw new ProfilingException("cannot create a temporary directory: " + e.getMessage());
        }
        List<String> recordCommand = new ArrayList<>(DeathSignal.prefix());
        recordCommand.addAll(List.of(perf.toString(), "record", "-a", "-g", "-F", Integer.toString(frequency), "-k", "mono",
                "-e", PerfRecorder.event(), "-m", Integer.toString(MMAP_PAGES), "-o", "-"));
        List<String> scriptCommand = new ArrayList<>(DeathSignal.prefix());
        scriptCommand.addAll(List.of(perf.toString(), "script", "-i", "-", "-F", "comm,pid,tid,time,event,ip,sym,dso"));
        ProcessBuilder rb = new ProcessBuilder(recordCommand).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(dir.resolve("record.log").toFile());
        ProcessBuilder sb = new ProcessBuilder(scriptCommand).redirectError(dir.resolve("script.log").toFile());
        List<Process> pipeline;
        try {
            pipeline = ProcessBuilder.startPipeline(List.of(rb, sb));
        } catch (IOException e) {
            delete(dir);
            throw new ProfilingException("cannot run " + perf + ": " + e.getMessage());
        }
        PerfStream stream = new PerfStream(dir, pipeline.get(0), pipeline.get(1));
        try {
            if (stream.record.waitFor(START_GRACE_MS, TimeUnit.MILLISECONDS)) {
                String why = stream.exitReason();
                stream.close();
                throw new ProfilingException(why);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.close();
            throw new ProfilingException("interrupted while starting perf");
        }
        return stream;
    }

    /** perf script's output: samples separated by blank lines. Ends when either process does. */
    public InputStream output() {
        return script.getInputStream();
    }

    /** The pids of perf record and perf script. */
    public List<Long> pids() {
        return List.of(record.pid(), script.pid());
    }

    /** Waits up to {@code millis} for both processes to exit (the stream has ended): their exit codes say why. */
    public void awaitExit(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            for (Process p : List.of(script, record)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    p.waitFor(left, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the stream ended, from the exit codes and the last lines perf wrote on stderr. */
    public String exitReason() {
        List<String> parts = new ArrayList<>();
        describe(parts, "perf record", record, dir.resolve("record.log"));
        describe(parts, "perf script", script, dir.resolve("script.log"));
        return parts.isEmpty() ? "perf stopped" : String.join("; ", parts);
    }

    private static void describe(List<String> parts, String what, Process p, Path log) {
        String said = PerfRecorder.lastLines(log);
        if (p.isAlive()) {
            return;
        }
        int exit = p.exitValue();
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.contains("paranoid") || lower.contains("permission") || lower.contains("not permitted")) {
            parts.add(what + " was refused access: run the agent as root or with CAP_PERFMON, or set `sysctl kernel.perf_event_paranoid=0`");
            return;
        }
        parts.add(what + " exited (" + (exit > 128 ? "signal " + (exit - 128) : "exit " + exit) + ")" + (said.isEmpty() ? "" : ": " + said));
    }

    /** Stops both processes (SIGTERM, then SIGKILL after 2 s) and removes the logs. */
    @Override
    public void close() {
        for (Process p : List.of(record, script)) {
            p.destroy();
        }
        for (Process p : List.of(record, script)) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing the ring for
        }
    }
}
