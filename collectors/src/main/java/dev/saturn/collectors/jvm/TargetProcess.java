package dev.saturn.collectors.jvm;

import dev.saturn.collectors.ProfilingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process to profile, as /proc shows it now.
 *
 * @param pid             the process id
 * @param comm            its command name (/proc/PID/comm)
 * @param uid             its real user id
 * @param jvm             a HotSpot JVM: libjvm.so is mapped, or it has an hsperfdata file
 * @param attachDisabled  started with -XX:+DisableAttachMechanism (on its command line or in
 *                        JAVA_TOOL_OPTIONS), so an attach request would time out
 * @param foreignMounts   in another mount namespace (a container): paths saturn hands it mean other files there
 */
public record TargetProcess(long pid, String comm, int uid, boolean jvm, boolean attachDisabled, boolean foreignMounts) {

    private static final Path PROC = Path.of("/proc");

    /** Reads /proc/PID; a pid with no /proc entry is a process that has exited (or never was). */
    public static TargetProcess of(long pid) {
        if (pid <= 0) {
            throw new ProfilingException("pid " + pid + " is not a process id: give the pid of a running process (see `ps -e`)");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new ProfilingException("pid " + pid + " is saturn itself: give another process's pid (see `ps -e`)");
        }
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            String comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
            List<String> status = Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8);
            long tgid = field(status, "Tgid:");
            if (tgid > 0 && tgid != pid) {
                // /proc/TID exists for every thread, and an attach to a thread would wait 10 s for an answer
                throw new ProfilingException(pid + " is a thread (" + comm + ") of process " + tgid + ": give -p " + tgid);
            }
            int uid = (int) field(status, "Uid:");
            if (!readable(dir.resolve("maps")) && Files.exists(dir)) {
                boolean root = Files.getAttribute(PROC.resolve("self"), "unix:uid").equals(0);
                throw new ProfilingException("cannot read /proc/" + pid + "/maps: " + (root
                        ? "the kernel refused it to root (the ptrace access check: process " + pid + " (" + comm
                                + ") holds capabilities saturn lacks, is in another user namespace, or a security module forbids it): "
                                + "run saturn in the process's own namespace or container, with its capabilities"
                        : "process " + pid + " (" + comm + ") belongs to another user: run saturn as that user or as root"));
            }
            boolean jvm = mapsLibjvm(dir) || hsperfdata(pid);
            String options = jvm ? text(dir.resolve("cmdline")) + "\n" + javaOptions(text(dir.resolve("environ"))) : "";
            return new TargetProcess(pid, comm, uid, jvm, options.contains("-XX:+DisableAttachMechanism"),
                    !sameLink(dir.resolve("ns/mnt"), PROC.resolve("self/ns/mnt")));
        } catch (NoSuchFileException e) {
            throw gone(pid);
        } catch (IOException e) {
            if (!Files.exists(dir)) {
                throw gone(pid);
            }
            throw new ProfilingException("cannot read /proc/" + pid + ": " + e.getMessage()
                    + ": run saturn as the process's user or as root");
        }
    }

    /** Every HotSpot JVM running now that this process may read, saturn itself left out. */
    public static List<TargetProcess> runningJvms() {
        try (Stream<Path> dirs = Files.list(PROC)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> pid != ProcessHandle.current().pid())
                    .flatMap(pid -> {
                        try {
                            return Stream.of(of(pid));
                        } catch (ProfilingException e) {
                            return Stream.empty(); // gone since the listing, or another user's
                        }
                    })
                    .filter(TargetProcess::jvm).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    public static ProfilingException gone(long pid) {
        return new ProfilingException("process " + pid + " is gone (no /proc/" + pid + "): check the pid with `ps -p " + pid + "`");
    }

    /** Still running (the same pid may have been reused; not checked). */
    public boolean alive() {
        return Files.exists(PROC.resolve(Long.toString(pid)));
    }

    /** "1234 (java)", as progress and errors name it. */
    public String label() {
        return pid + " (" + comm + ")";
    }

    private static boolean mapsLibjvm(Path dir) {
        try (Stream<String> lines = Files.lines(dir.resolve("maps"), StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> l.endsWith("/libjvm.so"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** A JVM writes /tmp/hsperfdata_USER/PID (unless -XX:-UsePerfData): the answer when maps is unreadable. */
    private static boolean hsperfdata(long pid) {
        Path tmp = PROC.resolve(pid + "/root/tmp");
        try (Stream<Path> dirs = Files.list(tmp)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("hsperfdata_"))
                    .anyMatch(d -> Files.exists(d.resolve(Long.toString(pid))));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The first number of a /proc/PID/status line ("Uid:", "Tgid:"), or -1. */
    private static long field(Iterable<String> status, String name) {
        for (String line : status) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /**
     * Whether this process may open the file: for /proc/PID/maps the kernel decides at open (a
     * ptrace check), while its mode says anyone may read it.
     */
    private static boolean readable(Path file) {
        try (var in = Files.newInputStream(file)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).replace('\0', '\n');
        } catch (IOException e) {
            return "";
        }
    }

    private static String javaOptions(String environ) {
        StringBuilder sb = new StringBuilder();
        for (String var : environ.split("\n")) {
            if (var.startsWith("JAVA_TOOL_OPTIONS=") || var.startsWith("JDK_JAVA_OPTIONS=") || var.startsWith("_JAVA_OPTIONS=")) {
                sb.append(var).append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean sameLink(Path a, Path b) {
        try {
            return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
        } catch (IOException e) {
            return true;
        }
    }
}
