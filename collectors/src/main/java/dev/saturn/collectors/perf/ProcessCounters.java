package dev.saturn.collectors.perf;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counters `perf stat -p PID` opens: one per thread of the process (pid = tid, cpu = -1) and
 * event. Each counter inherits, so threads the process starts while it is counted are counted too,
 * in the counter of the thread that started them. A thread that exits keeps its count: its counter
 * stays readable while its file descriptor is open, and the descriptors are closed only by
 * {@link #close}.
 */
public final class ProcessCounters implements AutoCloseable {
    private static final CounterEvent[] EVENTS = CounterEvent.values();

    private final PerfEventOpen perf;
    private final HostPaths paths;
    private final int pid;
    private final String command;
    private final boolean userOnly;
    private final List<ThreadCounter> threads;
    private final Map<CounterEvent, String> unsupported;

    private ProcessCounters(PerfEventOpen perf, HostPaths paths, int pid, String command, boolean userOnly,
            List<ThreadCounter> threads, Map<CounterEvent, String> unsupported) {
        this.perf = perf;
        this.paths = paths;
        this.pid = pid;
        this.command = command;
        this.userOnly = userOnly;
        this.threads = threads;
        this.unsupported = unsupported;
    }

    /** Opens every event on every thread of {@code pid}, or says why it cannot. */
    public static Reading<ProcessCounters> open(HostPaths paths, int pid) {
        Path stat = paths.proc(pid + "/stat");
        if (pid <= 0 || !Files.exists(stat)) {
            return Reading.unavailable("no process with PID " + pid + " (it has exited, or the PID is wrong: `pgrep NAME` finds it)");
        }
        Integer tgid = tgid(paths, pid);
        if (tgid != null && tgid != pid) {
            return Reading.unavailable(pid + " is a thread of process " + tgid + ": give -p " + tgid);
        }
        String command = command(paths, pid);
        PerfEventOpen perf;
        try {
            perf = PerfEventOpen.load();
        } catch (UnsupportedOperationException e) {
            return Reading.unavailable(e.getMessage());
        }
        Reading<ProcessCounters> all = openAll(perf, paths, pid, command, false);
        if (!all.isAvailable() && all.reason().startsWith(PERMISSION)) {
            // as perf stat does: where kernel.perf_event_paranoid forbids kernel counting, count user space only
            Reading<ProcessCounters> user = openAll(perf, paths, pid, command, true);
            return user.isAvailable() ? user : Reading.unavailable(permissionMessage(paths, pid));
        }
        return all;
    }

    private static final String PERMISSION = "permission";

    private static Reading<ProcessCounters> openAll(PerfEventOpen perf, HostPaths paths, int pid, String command,
            boolean userOnly) {
        Map<CounterEvent, String> unsupported = new EnumMap<>(CounterEvent.class);
        List<ThreadCounter> opened = new ArrayList<>();
        ProcessCounters counters = new ProcessCounters(perf, paths, pid, command, userOnly, opened, unsupported);
        Set<Integer> tids = tids(paths, pid);
        for (int tid : tids) {
            int[] fds = new int[EVENTS.length];
            java.util.Arrays.fill(fds, -1);
            String failure = null;
            boolean gone = false;
            for (CounterEvent event : EVENTS) {
                if (unsupported.containsKey(event)) {
                    continue;
                }
                int fd = perf.openTimed(event.type(), event.config(), tid, true, userOnly);
                if (fd >= 0) {
                    fds[event.ordinal()] = fd;
                    continue;
                }
                int errno = PerfEventOpen.lastErrno();
                if (errno == PerfEventOpen.ESRCH) {
                    gone = true;
                    break;
                }
                if (errno == PerfEventOpen.EACCES || errno == PerfEventOpen.EPERM) {
                    failure = PERMISSION;
                    break;
                }
                if (errno == PerfEventOpen.EMFILE || errno == PerfEventOpen.ENFILE) {
                    failure = "too many open files for " + tids.size() + " threads x " + EVENTS.length
                            + " counters: raise the limit (`ulimit -n`)";
                    break;
                }
                if (errno == PerfEventOpen.ENOENT || errno == PerfEventOpen.EOPNOTSUPP || errno == PerfEventOpen.ENODEV
                        || errno == PerfEventOpen.EINVAL) {
                    unsupported.put(event, notSupportedReason(paths, event, errno));
                    continue;
                }
                failure = "perf_event_open(" + event.perfName() + ", tid " + tid + ") failed: errno " + errno;
                break;
            }
            ThreadCounter thread = new ThreadCounter(tid, fds);
            if (failure != null) {
                closeAll(perf, List.of(thread));
                counters.close();
                return Reading.unavailable(failure);
            }
            if (gone) {
                closeAll(perf, List.of(thread));
            } else {
                opened.add(thread);
            }
        }
        // an event found unsupported on a later thread must not be counted on the earlier ones
        for (ThreadCounter t : opened) {
            for (CounterEvent event : unsupported.keySet()) {
                if (t.fds()[event.ordinal()] >= 0) {
                    perf.close(t.fds()[event.ordinal()]);
                    t.fds()[event.ordinal()] = -1;
                }
            }
        }
        if (opened.isEmpty()) {
            return Reading.unavailable("process " + pid + " exited before counting started");
        }
        return Reading.of(counters);
    }

    /** The sums over every thread counted so far; readable after the threads or the process exited. */
    public ProcessCounts read() {
        List<EventCount> events = new ArrayList<>();
        for (CounterEvent event : EVENTS) {
            String reason = unsupported.get(event);
            if (reason != null) {
                events.add(EventCount.notSupported(event, reason));
                continue;
            }
            long raw = 0;
            long enabled = 0;
            long running = 0;
            for (ThreadCounter t : threads) {
                int fd = t.fds()[event.ordinal()];
                long[] v = fd < 0 ? null : perf.read(fd, 3);
                if (v != null) {
                    raw += v[0];
                    enabled += v[1];
                    running += v[2];
                }
            }
            events.add(new EventCount(event, raw, enabled, running, null));
        }
        Set<Integer> now = tids(paths, pid);
        Set<Integer> counted = new HashSet<>();
        int exited = 0;
        for (ThreadCounter t : threads) {
            counted.add(t.tid());
            if (!now.contains(t.tid())) {
                exited++;
            }
        }
        int started = 0;
        for (int tid : now) {
            if (!counted.contains(tid)) {
                started++;
            }
        }
        return new ProcessCounts(pid, command, events, threads.size(), started, exited, userOnly, !alive());
    }

    /** False once the process has exited (a zombie counts as exited). */
    public boolean alive() {
        try {
            String stat = Files.readString(paths.proc(pid + "/stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            char state = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    public int pid() {
        return pid;
    }

    public String command() {
        return command;
    }

    public int threads() {
        return threads.size();
    }

    @Override
    public void close() {
        closeAll(perf, threads);
    }

    private static void closeAll(PerfEventOpen perf, List<ThreadCounter> threads) {
        for (ThreadCounter t : threads) {
            for (int i = 0; i < t.fds().length; i++) {
                if (t.fds()[i] >= 0) {
                    perf.close(t.fds()[i]);
                    t.fds()[i] = -1;
                }
            }
        }
    }

    private static Set<Integer> tids(HostPaths paths, int pid) {
        Set<Integer> tids = new TreeSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(paths.proc(pid + "/task"))) {
            for (Path entry : dir) {
                try {
                    tids.add(Integer.parseInt(entry.getFileName().toString()));
                } catch (NumberFormatException ignored) {
                    // not a thread directory
                }
            }
        } catch (IOException e) {
            // the process is gone: no threads
        }
        return tids;
    }

    private static Integer tgid(HostPaths paths, int pid) {
        try {
            for (String line : Files.readAllLines(paths.proc(pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Tgid:")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // raced with exit or an unusual /proc: open finds out
        }
        return null;
    }

    private static String command(HostPaths paths, int pid) {
        try {
            return Files.readString(paths.proc(pid + "/comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String notSupportedReason(HostPaths paths, CounterEvent event, int errno) {
        if (event.hardware() && !Files.isDirectory(paths.sys("bus/event_source/devices/cpu"))) {
            return "no PMU: " + paths.sys("bus/event_source/devices/cpu") + " is absent (a VM without PMU passthrough)";
        }
        return "the kernel has no " + event.perfName() + " counter here (errno " + errno + ")";
    }

    private static String permissionMessage(HostPaths paths, int pid) {
        int paranoid;
        try {
            paranoid = Integer.parseInt(Files.readString(paths.proc("sys/kernel/perf_event_paranoid")).strip());
        } catch (IOException | NumberFormatException e) {
            paranoid = Integer.MAX_VALUE;
        }
        String refused = "perf_event_open refused to count PID " + pid + " (EACCES): ";
        if (paranoid > 2) {
            return refused + "kernel.perf_event_paranoid is " + (paranoid == Integer.MAX_VALUE ? "unreadable" : paranoid)
                    + "; counting a process of your own needs 2 or lower (`sudo sysctl kernel.perf_event_paranoid=2`), "
                    + "or run as root or with CAP_PERFMON";
        }
        return refused + "the process belongs to another user (kernel.perf_event_paranoid is " + paranoid
                + "): run saturn as that user, as root, or with CAP_PERFMON";
    }
}
