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
 * `perf record -a -g -o -` that runs until closed: every CPU's samples, and the process events that name their
 * frames (comm, mmap, fork, exit), in perf's pipe format on a stream, a second or so after they happen, with no
 * file in between. Timestamps are CLOCK_MONOTONIC ({@code -k mono}), the clock of {@link System#nanoTime()}, so a
 * reader can tell which samples came before a moment of its own. perf record wakes up when 4 of its 8 pages per
 * CPU fill, or at the latest every few seconds at low rates. {@link #script} turns such a stream, or a part of it,
 * into perf script text when it is wanted: symbols are looked up then, not for every sample.
 *
 * <p>perf dies with the thread that started it ({@link DeathSignal}), and on a broken pipe.
 */
public final class PerfStream implements AutoCloseable {
    private static final int MMAP_PAGES = 8;
    private static final long START_GRACE_MS = 300;


    private final Path dir;
    private final Process record;

    private PerfStream(Path dir, Process record) {
        this.dir = dir;
        this.record = record;
    }

    /** Starts perf record at {@code frequency} samples a second per CPU; fails at once when perf cannot record every CPU. */
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
        Process record;
        try {
            record = new ProcessBuilder(recordCommand).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(dir.resolve("record.log").toFile()).start();
        } catch (IOException e) {
            delete(dir);
            throw new ProfilingException("cannot run " + perf + ": " + e.getMessage());
        }
        PerfStream stream = new PerfStream(dir, record);
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

    /** perf record's output in perf's pipe format: a 16-byte header, then events. Ends when perf does. */
    public InputStream output() {
        return record.getInputStream();
    }

    /** The pid of perf record. */
    public List<Long> pids() {
        return List.of(record.pid());
    }

    /**
     * `perf script -i -` of perf pipe-format data in a file, its text as it is written (the fields of
     * {@link PerfRecorder#script()}); its messages go to {@code log}. The caller reads the text, then waits for the
     * process.
     */
    public static Process script(String perfCommand, Path data, Path log) {
        Path perf = PerfRecorder.locate(perfCommand);
        try {
            List<String> command = new ArrayList<>(List.of(perf.toString(), "script", "-i", "-"));
            command.addAll(PerfEvent.CPU.scriptArguments());
            return new ProcessBuilder(command)
                    .redirectInput(data.toFile()).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new ProfilingException("cannot run " + perf + " script: " + e.getMessage());
        }
    }

    /** The last lines perf wrote in a log, on one line. */
    public static String lastLines(Path log) {
        return PerfRecorder.lastLines(log);
    }

    /** Waits up to {@code millis} for perf to exit (the stream has ended): its exit code says why. */
    public void awaitExit(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            for (Process p : List.of(record)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    p.waitFor(left, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the stream ended, from the exit code and the last lines perf wrote on stderr. */
    public String exitReason() {
        List<String> parts = new ArrayList<>();
        describe(parts, "perf record", record, dir.resolve("record.log"));
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

    /** Stops perf (SIGTERM, then SIGKILL after 2 s) and removes the logs. */
    @Override
    public void close() {
        for (Process p : List.of(record)) {
            p.destroy();
        }
        for (Process p : List.of(record)) {
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
