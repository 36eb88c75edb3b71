package dev.saturn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CPU time a process, or its threads of one name, have had (utime + stime of /proc/PID/stat or
 * /proc/PID/task/TID/stat): what a count floor scales with, so that a busy machine lowers it with the target's share.
 */
public final class CpuTime {
    /** /proc reports in USER_HZ, which the kernel fixes at 100 for user space whatever its own HZ. */
    private static final long NANOS_PER_TICK = 10_000_000;

    private CpuTime() {
    }

    public static Duration ofProcess(long pid) {
        return Duration.ofNanos(ticks(Path.of("/proc", Long.toString(pid), "stat")) * NANOS_PER_TICK);
    }

    /** The threads of the process whose name (comm) is {@code name}; a thread that ended meanwhile counts nothing. */
    public static Duration ofThreads(long pid, String name) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long ticks = 0;
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                        ticks += ticks(task.resolve("stat"));
                    }
                } catch (NoSuchFileException | UncheckedIOException gone) {
                    // the thread exited between the listing and the read
                }
            }
            return Duration.ofNanos(ticks * NANOS_PER_TICK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            // the name in parentheses may hold spaces and parentheses: the fields start after the last ')'
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
