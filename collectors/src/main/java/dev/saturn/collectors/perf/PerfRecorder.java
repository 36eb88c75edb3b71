package dev.saturn.collectors.perf;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.saturn.collectors.ProfilingException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * `perf record -g` of one process or of every CPU, into a perf.data file in a private temporary
 * directory; {@link #script()} then runs `perf script` on it and hands its stdout over as a stream,
 * for the flame graph module to parse as it comes (no text file in between). What it records is the
 * request's {@link PerfEvent}: for cpu, cpu-clock on a machine without a hardware PMU (a VM), else
 * cycles, both at the frequency asked; scheduler switches for offcpu and wall; every fault for the fault
 * events. A tracepoint is checked first ({@link Tracepoints}), so that a missing tracefs is one line.
 */
public final class PerfRecorder implements AutoCloseable {
    /** How long perf gets to fail at start (a bad pid, no permission) before it counts as running. */
    private static final long START_GRACE_MS = 200;
    /** How long perf may take to set up (on a busy machine, seconds) before it acknowledges the enable command. */
    private static final long READY_TIMEOUT_MS = 60_000;

    private final Request request;
    private final Path perf;
    private final Path dir;
    private final Path data;
    private final Path recordLog;
    private final Path scriptLog;
    private Process record;
    private Process script;

    /**
     * @param perfCommand `perf`, looked up on PATH, or a path to it
     * @param pids        the processes to profile, all their threads; empty for every CPU (-a)
     * @param frequency   samples a second, per CPU (cpu), or the rate of wall's on-CPU samples
     * @param event       what to record
     */
    public record Request(String perfCommand, List<Long> pids, int frequency, PerfEvent event) {
        public Request {
            pids = List.copyOf(pids);
        }

        /** One process, or every CPU when {@code pid} is null. */
        public Request(String perfCommand, Long pid, int frequency, PerfEvent event) {
            this(perfCommand, pid == null ? List.of() : List.of(pid), frequency, event);
        }

        public Request(String perfCommand, Long pid, int frequency) {
            this(perfCommand, pid, frequency, PerfEvent.CPU);
        }

        public boolean systemWide() {
            return pids.isEmpty();
        }

        /** "1234" or "1234,5678": perf's -p list. */
        String pidList() {
            return String.join(",", pids.stream().map(String::valueOf).toList());
        }
    }

    private PerfRecorder(Request request, Path perf, Path dir) {
        this.request = request;
        this.perf = perf;
        this.dir = dir;
        this.data = dir.resolve("perf.data");
        this.recordLog = dir.resolve("record.log");
        this.scriptLog = dir.resolve("script.log");
    }

    /**
     * Checks permission, starts perf record and waits until it samples: perf starts with its events disabled and
     * enables them on saturn's command, once set up, so a duration counted from here is all sampled (perf's set-up
     * took seconds on a busy machine, and a 1 s profile had no sample). A perf without --control (before 5.10)
     * starts sampling by itself, after a moment to fail.
     */
    public static PerfRecorder start(Request request) {
        Path perf = locate(request.perfCommand());
        refusal(request).ifPresent(reason -> {
            throw new ProfilingException(reason);
        });
        PerfRecorder r = new PerfRecorder(request, perf, tempDirectory());
        try {
            r.startRecord();
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Why perf could not record here (not installed, not allowed), without starting it; empty when it can. */
    public static java.util.Optional<String> unavailable(String perfCommand, boolean systemWide) {
        try {
            locate(perfCommand);
        } catch (ProfilingException e) {
            return java.util.Optional.of(e.getMessage());
        }
        return PerfAccess.ofThisProcess().refusal(systemWide);
    }

    private static java.util.Optional<String> refusal(Request request) {
        java.util.Optional<String> refused = PerfAccess.ofThisProcess().refusal(request.systemWide());
        if (refused.isPresent()) {
            return refused;
        }
        return request.event().tracepoint().flatMap(t -> Tracepoints.ofThisHost().refusal(t));
    }

    /** The event perf samples on: cycles needs a hardware PMU, which a VM usually lacks. */
    public static String event() {
        Path devices = Path.of("/sys/bus/event_source/devices");
        boolean pmu = Files.exists(devices.resolve("cpu")) || Files.exists(devices.resolve("cpu_core"));
        return pmu ? "cycles" : "cpu-clock";
    }

    private void startRecord() {
        try {
            if (!startControlled()) {
                record = new ProcessBuilder(command(false)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(recordLog.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
                if (record.waitFor(START_GRACE_MS, TimeUnit.MILLISECONDS) && record.exitValue() != 0) {
                    throw failure(record.exitValue());
                }
            }
        } catch (IOException e) {
            throw new ProfilingException("cannot run " + perf + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProfilingException("interrupted while starting perf");
        }
    }

    private List<String> command(boolean controlled) {
        List<String> cmd = new ArrayList<>(List.of(perf.toString(), "record", "-o", data.toString()));
        cmd.addAll(request.event().recordArguments(request.frequency(), request.systemWide()));
        if (controlled) {
            // events off until "enable" on stdin; "ack" on stdout once they are on
            cmd.addAll(List.of("--delay=-1", "--control=fd:0,1"));
        }
        if (request.systemWide()) {
            cmd.add("-a");
        } else {
            cmd.add("-p");
            cmd.add(request.pidList());
        }
        return cmd;
    }

    /** perf record with its events enabled once it acknowledges; false for a perf that knows no --control. */
    private boolean startControlled() throws IOException, InterruptedException {
        record = new ProcessBuilder(command(true)).redirectError(recordLog.toFile()).start();
        try {
            record.getOutputStream().write("enable\n".getBytes(StandardCharsets.US_ASCII));
            record.getOutputStream().flush();
        } catch (IOException exited) {
            // perf failed at once (a bad event, no permission): its exit status and log below say why, not "Broken pipe"
        }
        InputStream acks = record.getInputStream();
        StringBuilder said = new StringBuilder();
        long deadline = System.nanoTime() + READY_TIMEOUT_MS * 1_000_000;
        while (!said.toString().contains("ack\n")) {
            if (acks.available() > 0) {
                said.append((char) acks.read());
                continue;
            }
            if (!record.isAlive()) {
                if (record.exitValue() == 0) {
                    return true; // done already (its target exited): finished() says so
                }
                String log = lastLines(recordLog).toLowerCase(java.util.Locale.ROOT);
                if (log.contains("unknown option") || log.contains("unknown switch")) {
                    return false;
                }
                throw failure(record.exitValue());
            }
            if (System.nanoTime() - deadline > 0) {
                record.destroyForcibly();
                throw new ProfilingException("perf record did not start sampling within " + READY_TIMEOUT_MS / 1000 + " s");
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** perf has stopped by itself: the process it followed exited, or it received the terminal's Ctrl-C. */
    public boolean finished() {
        return !record.isAlive();
    }

    /**
     * Stops perf record and waits for it to write out its data: SIGINT, as Ctrl-C would (on SIGTERM
     * perf takes a second longer to finish).
     */
    public void stop() {
        if (record.isAlive() && Signals.LIBC.kill((int) record.pid(), Signals.SIGINT) != 0) {
            record.destroy();
        }
        try {
            if (!record.waitFor(30, TimeUnit.SECONDS)) {
                record.destroyForcibly();
                throw new ProfilingException("perf record did not stop within 30 s of SIGINT; killed it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record.destroyForcibly();
            throw new ProfilingException("interrupted while stopping perf");
        }
        if (!Files.exists(data) || size(data) == 0) {
            throw failure(record.exitValue());
        }
    }

    /** `perf script` of the recording, its stdout as it is written. Close the stream, then call {@link #finishScript()}. */
    public InputStream script() {
        try {
            List<String> cmd = new ArrayList<>(List.of(perf.toString(), "script", "-i", data.toString()));
            cmd.addAll(request.event().scriptArguments());
            script = new ProcessBuilder(cmd)
                    .redirectError(scriptLog.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            script.getOutputStream().close();
            return script.getInputStream();
        } catch (IOException e) {
            throw new ProfilingException("cannot run " + perf + " script: " + e.getMessage());
        }
    }

    /** Waits for perf script; fails with its message when it did not succeed. */
    public void finishScript() {
        try {
            int exit = script.waitFor();
            if (exit != 0) {
                throw new ProfilingException("perf script failed (exit " + exit + "): " + lastLines(scriptLog));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            script.destroyForcibly();
            throw new ProfilingException("interrupted while reading the perf recording");
        }
    }

    /** kill(2), which Java's Process has only for SIGTERM and SIGKILL. */
    interface Signals extends Library {
        Signals LIBC = Native.load("c", Signals.class);
        int SIGINT = 2;

        int kill(int pid, int signal);
    }

    /** perf record's own summary ("Captured and wrote 0.03 MB ... (175 samples)"), or empty. */
    public String summary() {
        for (String line : lines(recordLog)) {
            if (line.contains("Captured and wrote")) {
                return line.replace("[ perf record:", "").replace("]", "").strip();
            }
        }
        return "";
    }

    private ProfilingException failure(int exit) {
        String log = lastLines(recordLog);
        String lower = log.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("no such process") || lower.contains("couldn't create thread")) {
            String which = request.pids().size() == 1 ? "process " + request.pidList() + " is" : "one of processes " + request.pidList() + " is";
            return new ProfilingException(which + " gone: check with `ps -p " + request.pidList() + "`");
        }
        if (lower.contains("unknown tracepoint") || (lower.contains("event syntax error") && request.event().tracepoint().isPresent())) {
            return new ProfilingException("this perf cannot record " + request.event().tracepoint().orElse("the event")
                    + " (" + log + "): check `perf list " + request.event().tracepoint().orElse("") + "`, or use --event cpu");
        }
        if (lower.contains("paranoid") || lower.contains("permission") || lower.contains("not permitted")) {
            return new ProfilingException("perf was refused access (kernel.perf_event_paranoid, or the process belongs to another user): "
                    + "run as root or the process's user, or lower kernel.perf_event_paranoid with sysctl");
        }
        return new ProfilingException("perf record failed (exit " + exit + "): " + (log.isEmpty() ? "no message" : log));
    }

    /** The last few meaningful lines of a log, joined on one line. */
    static String lastLines(Path log) {
        List<String> kept = new ArrayList<>();
        for (String line : lines(log)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("[ perf record:")) {
                kept.add(l);
            }
        }
        return String.join("; ", kept.subList(Math.max(0, kept.size() - 3), kept.size()));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The perf binary: a path as given, or the first `perf` on PATH. */
    static Path locate(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new ProfilingException("perf not found at " + command + ": give the path of the perf binary, or install it "
                    + "(Debian: apt-get install linux-perf; Ubuntu: linux-tools-generic; Fedora: dnf install perf)");
        }
        String path = System.getenv("PATH");
        for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new ProfilingException("perf is not installed (no `" + command + "` on PATH): install it (Debian: apt-get install "
                + "linux-perf; Ubuntu: linux-tools-generic; Fedora: dnf install perf)", ProfilingException.Remedy.PERF_PATH);
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("saturn-perf-");
        } catch (IOException e) {
            throw new ProfilingException("cannot create a temporary directory: " + e.getMessage()
                    + ": check that java.io.tmpdir (/tmp) is writable");
        }
    }

    @Override
    public void close() {
        if (record != null && record.isAlive()) {
            record.destroyForcibly();
        }
        if (script != null && script.isAlive()) {
            script.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing a profile for
        }
    }
}
