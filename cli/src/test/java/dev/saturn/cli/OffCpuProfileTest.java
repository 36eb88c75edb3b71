package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saturn profile --event offcpu, wall and page-faults on C programs compiled here: each waits for "go" on
 * its stdin, which the test sends once saturn says it is recording, does its work, prints what it measured
 * of itself (wall time, CPU time) and exits, which ends the profile. The profile is then held against the
 * program's own measurement, so a loaded machine changes both alike. Needs perf, gcc and root (the
 * sched_switch tracepoint; CI runs as root).
 */
class OffCpuProfileTest {
    @TempDir
    Path dir;

    /** A blocking read of stdin; the libc call's caller (this) is lost to the frame-pointer walk, main shows. */
    private static final String COMMON = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <fcntl.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/resource.h>
            #include <time.h>
            #include <unistd.h>
            static long now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000L + t.tv_nsec; }
            static long cpu(void) { struct rusage r; getrusage(RUSAGE_SELF, &r);
                return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1000000000L + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) * 1000L; }
            void wait_for_go(void) { char c; if (read(0, &c, 1) != 1) exit(1); }
            """;

    // nap's own frame is lost (libc's clock_nanosleep keeps no frame pointer, so the walk skips its caller): the
    // function the test looks for is the one above it.
    private static final String SLEEPY = COMMON + """
            void nap(void) { struct timespec ts = {0, 10 * 1000 * 1000}; nanosleep(&ts, 0); }
            void sleepy_wait(void) { nap(); }
            int main(int argc, char **argv) {
                int naps = argc > 1 ? atoi(argv[1]) : 150;
                wait_for_go();
                long start = now(), c0 = cpu();
                for (int i = 0; i < naps; i++) sleepy_wait();
                printf("%ld %ld\\n", now() - start, cpu() - c0);
                return 0;
            }
            """;

    private static final String DIRECT = COMMON + """
            #define BLOCK (1 << 20)
            ssize_t one_read(int fd, void *buf, off_t at) { return pread(fd, buf, BLOCK, at); }
            void read_blocks(int fd, void *buf, long size, long until) {
                for (off_t at = 0; now() < until; at = (at + 7L * BLOCK) % size)
                    if (one_read(fd, buf, at) != BLOCK) { perror("pread"); exit(3); }
            }
            int main(int argc, char **argv) {
                long size = 64L << 20; char *buf;
                if (posix_memalign((void **) &buf, 4096, BLOCK)) return 4;
                memset(buf, 7, BLOCK);
                int w = open(argv[1], O_CREAT | O_WRONLY | O_TRUNC, 0600);
                for (long i = 0; i < size; i += BLOCK) if (write(w, buf, BLOCK) != BLOCK) return 5;
                fsync(w); close(w);
                int fd = open(argv[1], O_RDONLY | O_DIRECT);
                if (fd < 0) { printf("O_DIRECT refused: %s\\n", strerror(errno)); fflush(stdout); return 2; }
                printf("ready\\n"); fflush(stdout);
                wait_for_go();
                long start = now(), c0 = cpu();
                read_blocks(fd, buf, size, start + 2000000000L);
                printf("%ld %ld\\n", now() - start, cpu() - c0);
                return 0;
            }
            """;

    // The spin checks the clock every 4096 turns, so that nearly every sample is in spin_part's own code.
    private static final String ALTERNATE = COMMON + """
            volatile long sink;
            long spin_part(void) { long start = now(); while (now() - start < 25000000L) for (int i = 0; i < 4096; i++) sink += i; return now() - start; }
            void nap(void) { struct timespec ts = {0, 25 * 1000 * 1000}; nanosleep(&ts, 0); }
            long sleep_part(void) { long start = now(); nap(); return now() - start; }
            int main(void) {
                wait_for_go();
                long spun = 0, slept = 0;
                for (int i = 0; i < 40; i++) { spun += spin_part(); slept += sleep_part(); }
                printf("%ld %ld\\n", spun, slept);
                return 0;
            }
            """;

    // Every page written in grow's own loop: a fault inside libc's memset would lose grow's frame.
    private static final String GROW = COMMON + """
            char *grow(long mib) { long n = mib << 20; char *p = malloc(n); for (long i = 0; i < n; i += 4096) p[i] = 1; return p; }
            int main(int argc, char **argv) {
                wait_for_go();
                char *p = grow(atol(argv[1]));
                printf("%d\\n", p[4096]);
                return 0;
            }
            """;

    // A file's pages dropped from the page cache, mapped with readahead off: each page read is one major fault.
    private static final String MAPPED = COMMON.replace("#include <unistd.h>", "#include <unistd.h>\n#include <sys/mman.h>") + """
            long read_mapped(const char *p, long n) { long sum = 0; for (long i = 0; i < n; i += 4096) sum += p[i]; return sum; }
            int main(int argc, char **argv) {
                long n = atol(argv[2]) << 20; char block[1 << 16]; memset(block, 1, sizeof block);
                int fd = open(argv[1], O_CREAT | O_RDWR | O_TRUNC, 0600);
                for (long i = 0; i < n; i += sizeof block) if (write(fd, block, sizeof block) != sizeof block) return 5;
                fsync(fd);
                if (posix_fadvise(fd, 0, n, POSIX_FADV_DONTNEED)) { printf("fadvise failed\\n"); fflush(stdout); return 6; }
                char *p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
                if (p == MAP_FAILED) { printf("mmap failed\\n"); fflush(stdout); return 7; }
                madvise(p, n, MADV_RANDOM);
                printf("ready\\n"); fflush(stdout);
                wait_for_go();
                printf("%ld\\n", read_mapped(p, n));
                return 0;
            }
            """;

    private Path compile(String name, String source) throws IOException, InterruptedException {
        Path src = dir.resolve(name + ".c");
        Path bin = dir.resolve(name);
        Files.writeString(src, source);
        Process gcc = new ProcessBuilder(Needs.tool("gcc").toString(), "-O0", "-fno-omit-frame-pointer", "-o", bin.toString(), src.toString())
                .redirectErrorStream(true).start();
        String said = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), "gcc: " + said);
        return bin;
    }

    /** What the program measured of itself, and the profile of it. */
    record Run(long[] measured, Folded profile, String said) {
    }

    /**
     * Starts the program, then saturn in its own JVM (so that the test can tell when it records), sends "go" once
     * saturn says it is profiling, and reads the program's last line; the program's exit ends the profile.
     */
    private Run profileWhileItWorks(List<String> program, String readyLine, String... saturnArgs) throws Exception {
        Needs.tools("perf", "gcc");
        Needs.root("the sched_switch tracepoint and the fault events");
        Process target = new ProcessBuilder(program).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process saturn = null;
        try {
            BufferedReader targetOut = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
            if (readyLine != null) {
                String ready = targetOut.readLine();
                Needs.machine(ready != null && ready.equals(readyLine), "the program could not start: " + ready);
            }
            Path out = dir.resolve("profile-" + System.nanoTime() + ".folded");
            // one process: its exit ends the profile; system-wide, the caller's --duration does
            boolean systemWide = List.of(saturnArgs).contains("--all");
            List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-cp", System.getProperty("java.class.path"),
                    Saturn.class.getName(), "profile", "-o", out.toString()));
            if (!systemWide) {
                command.addAll(List.of("-p", Long.toString(target.pid()), "-d", "120s"));
            }
            command.addAll(List.of(saturnArgs));
            saturn = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader said = new BufferedReader(new InputStreamReader(saturn.getInputStream(), StandardCharsets.UTF_8));
            String first = said.readLine();
            assertTrue(first != null && first.startsWith("saturn: profiling " + (systemWide ? "every CPU" : target.pid())), first);
            target.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
            target.getOutputStream().flush();
            String measured = targetOut.readLine();
            assertTrue(target.waitFor(120, TimeUnit.SECONDS), "the program ends");
            String rest = first + "\n" + new String(saturn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(saturn.waitFor(60, TimeUnit.SECONDS), "saturn ends with its target");
            assertEquals(0, saturn.exitValue(), rest);
            assertTrue(measured != null, "the program said nothing: " + rest);
            long[] figures = List.of(measured.strip().split(" ")).stream().mapToLong(Long::parseLong).toArray();
            return new Run(figures, Folded.read(out), rest);
        } finally {
            target.destroyForcibly();
            if (saturn != null) {
                saturn.destroyForcibly();
            }
        }
    }

    private static long under(Folded f, String frame) {
        return f.where(s -> List.of(s.split(";")).contains(frame));
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    @Test
    void offCpuTimeOfASleepingFunctionIsItsWallTime() throws Exception {
        Run run = profileWhileItWorks(List.of(compile("sleepy", SLEEPY).toString()), null, "--event", "offcpu");
        long wallUs = run.measured()[0] / 1000;
        long blocked = under(run.profile(), "sleepy_wait");
        System.err.println("offcpu, sleeping: " + blocked + " us under sleepy_wait, wall " + wallUs + " us: " + pct((double) blocked / wallUs));
        assertEquals(1.0, (double) blocked / wallUs, 0.10, "off CPU under sleepy_wait " + blocked + " us against a wall time of "
                + wallUs + " us (" + pct((double) blocked / wallUs) + ")\n" + run.profile() + run.said());
        assertTrue(run.said().contains("us off CPU"), run.said());
    }

    @Test
    void systemWideTheSleeperIsFoundAmongAllThreads() throws Exception {
        // short: every thread of this shared machine is recorded, and each switch costs perf and saturn time
        Run run = profileWhileItWorks(List.of(compile("sleepy", SLEEPY).toString(), "50"), null, "--all", "--event", "offcpu", "-d", "4s");
        long wallUs = run.measured()[0] / 1000;
        long blocked = run.profile().where(s -> s.startsWith("sleepy;") && s.contains(";sleepy_wait;"));
        System.err.println("offcpu --all, sleeping: " + blocked + " us under sleepy_wait, wall " + wallUs + " us: " + pct((double) blocked / wallUs));
        assertEquals(1.0, (double) blocked / wallUs, 0.10, "off CPU under sleepy_wait " + blocked + " us against a wall time of "
                + wallUs + " us\n" + run.said());
        assertTrue(run.profile().where(s -> !s.startsWith("sleepy;")) > 0, "other threads are in it too");
    }

    @Test
    void offCpuTimeOfDirectReadsIsTheirTimeOffTheCpu() throws Exception {
        // on the root filesystem (a real disk; tmpfs refuses O_DIRECT), not in the @TempDir, which may be tmpfs
        Path data = Files.createTempDirectory(Path.of("/var/tmp"), "saturn-odirect-");
        try {
            Run run = profileWhileItWorks(List.of(compile("direct", DIRECT).toString(), data.resolve("blocks").toString()), "ready",
                    "--event", "offcpu");
            long wallUs = run.measured()[0] / 1000;
            long cpuUs = run.measured()[1] / 1000;
            long blocked = under(run.profile(), "read_blocks");
            System.err.println("offcpu, O_DIRECT reads: " + blocked + " us under read_blocks, wall " + wallUs + " us, CPU " + cpuUs
                    + " us: " + pct((double) blocked / (wallUs - cpuUs)) + " of wall - CPU, " + pct((double) blocked / wallUs) + " of wall");
            // The reads also spend CPU time in the kernel (about a tenth of their wall time on this VM's virtio disk):
            // the time off CPU is their wall time less that, which the program measured of itself.
            assertEquals(1.0, (double) blocked / (wallUs - cpuUs), 0.10, "blocked under read_blocks " + blocked + " us; wall " + wallUs
                    + " us, CPU " + cpuUs + " us\n" + run.profile() + run.said());
            assertTrue(blocked >= 0.7 * wallUs, "most of the reads' wall time is blocked: " + blocked + " of " + wallUs);
            assertTrue(run.profile().where(s -> s.contains("read_blocks") && s.contains("io_schedule")) >= 0.5 * blocked,
                    "they wait for the disk (io_schedule): " + run.profile());
        } finally {
            try (var files = Files.list(data)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(data);
        }
    }

    @Test
    void wallTimeHoldsBothTheSpinningAndTheSleepingInProportion() throws Exception {
        Run run = profileWhileItWorks(List.of(compile("alternate", ALTERNATE).toString()), null, "--event", "wall", "-F", "499");
        long spunUs = run.measured()[0] / 1000;
        long sleptUs = run.measured()[1] / 1000;
        long spin = under(run.profile(), "spin_part");
        long sleep = under(run.profile(), "sleep_part");
        System.err.println("wall: spin_part " + spin + " us of " + spunUs + " us spun (" + pct((double) spin / spunUs) + "), sleep_part "
                + sleep + " us of " + sleptUs + " us slept (" + pct((double) sleep / sleptUs) + ")");
        String detail = "spin_part " + spin + " us (ran " + spunUs + "), sleep_part " + sleep + " us (slept " + sleptUs + ")\n" + run.profile();
        assertEquals(1.0, (double) spin / spunUs, 0.20, detail);
        assertEquals(1.0, (double) sleep / sleptUs, 0.10, detail);
        assertEquals((double) spunUs / sleptUs, (double) spin / sleep, 0.25, detail);
        assertTrue(run.said().contains("us of wall time"), run.said());
    }

    @Test
    void pageFaultsFallInTheGrowingFunctionAndScaleWithTheMemoryTouched() throws Exception {
        Path bin = compile("grow", GROW);
        Run small = profileWhileItWorks(List.of(bin.toString(), "32"), null, "--event", "page-faults");
        Run large = profileWhileItWorks(List.of(bin.toString(), "128"), null, "--event", "page-faults");
        long smallFaults = under(small.profile(), "grow");
        long largeFaults = under(large.profile(), "grow");
        System.err.println("page-faults: grow(32 MiB) " + smallFaults + " of " + small.profile().total() + ", grow(128 MiB) " + largeFaults
                + " of " + large.profile().total());
        String detail = "32 MiB: " + smallFaults + " faults in grow\n" + small.profile() + "128 MiB: " + largeFaults + "\n" + large.profile();
        assertTrue(smallFaults >= 0.5 * small.profile().total() && largeFaults >= 0.5 * large.profile().total(), "grow holds most: " + detail);
        assertEquals(4.0, (double) largeFaults / smallFaults, 0.8, detail);
        // one fault a 4 KiB page, or a 2 MiB one where transparent huge pages are always on
        assertTrue(largeFaults >= 128 / 2, detail);
        assertTrue(large.said().contains("page faults"), large.said());
    }

    @Test
    void majorFaultsCountThePagesReadFromDiskUnderTheReadingFunction() throws Exception {
        Path data = Files.createTempDirectory(Path.of("/var/tmp"), "saturn-major-");
        try {
            Run run = profileWhileItWorks(List.of(compile("mapped", MAPPED).toString(), data.resolve("pages").toString(), "32"), "ready",
                    "--event", "major-faults");
            long faults = under(run.profile(), "read_mapped");
            System.err.println("major-faults: read_mapped " + faults + " of " + run.profile().total() + " for 8192 pages");
            assertEquals(8192, faults, 8192 * 0.1, run.profile().toString());
            assertTrue(faults >= 0.9 * run.profile().total(), run.profile().toString());
            assertTrue(run.said().contains("major faults"), run.said());
        } finally {
            try (var files = Files.list(data)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(data);
        }
    }

    // ---- one-line errors

    @Test
    void anUnknownEventNamesTheEvents() {
        CliRun run = CliRun.failing("profile", "-p", "1", "--event", "nosuch", "-o", dir.resolve("x.svg").toString());
        assertTrue(run.err().contains("--event takes cpu, wall, alloc, lock, offcpu, page-faults or major-faults, got 'nosuch'"), run.err());
    }

    @Test
    void offCpuWithAPerfThatDoesNotExistSaysSo() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            CliRun run = CliRun.failing("profile", "-p", Long.toString(sleep.pid()), "--event", "offcpu", "--perf", dir.resolve("no/perf").toString(),
                    "-o", dir.resolve("x.svg").toString());
            assertTrue(run.err().contains("perf not found at " + dir.resolve("no/perf")), run.err());
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void asyncProfilerEventsAreRefusedForPerfAndPerfEventsForAsyncProfiler() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            CliRun alloc = CliRun.failing("profile", "-p", Long.toString(sleep.pid()), "--event", "alloc", "-o", dir.resolve("x.svg").toString());
            assertTrue(alloc.err().contains("--event alloc needs async-profiler in a JVM"), alloc.err());
            CliRun all = CliRun.failing("profile", "--all", "--event", "lock", "-o", dir.resolve("x.svg").toString());
            assertTrue(all.err().contains("--event lock needs async-profiler"), all.err());
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aPerfWithoutTheTracepointSaysSo() throws Exception {
        Needs.root("the sched_switch tracepoint");
        // what perf prints for a tracepoint the kernel lacks (perf 6.1, a misspelt name here)
        Path fake = dir.resolve("perf");
        Files.writeString(fake, """
                #!/bin/sh
                cat >&2 <<'EOF'
                event syntax error: 'sched:sched_switch'
                                     \\___ unknown tracepoint

                Error:	File /sys/kernel/tracing//events/sched/sched_switch not found.
                Hint:	Perhaps this kernel misses some CONFIG_ setting to enable this feature?.
                EOF
                exit 129
                """);
        assertTrue(fake.toFile().setExecutable(true));
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            CliRun run = CliRun.failing("profile", "-p", Long.toString(sleep.pid()), "--event", "offcpu", "--perf", fake.toString(),
                    "-o", dir.resolve("x.svg").toString());
            assertTrue(run.err().startsWith("saturn: this perf cannot record sched:sched_switch (") && run.err().contains("unknown tracepoint")
                    && run.err().contains("or use --event cpu"), run.err());
        } finally {
            sleep.destroyForcibly();
        }
    }
}
