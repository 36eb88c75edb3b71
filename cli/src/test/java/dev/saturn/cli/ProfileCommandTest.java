package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.CpuTime;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saturn profile against real processes: a child JVM through async-profiler and through perf, a
 * native burner compiled with gcc, system-wide. Needs perf and gcc (CI installs linux-perf and gcc)
 * and root or perf_event_paranoid <= 0 for --all (CI runs as root).
 */
class ProfileCommandTest {
    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    private Folded profile(String... args) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".folded");
        String[] all = new String[args.length + 3];
        all[0] = "profile";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "-o";
        all[args.length + 2] = out.toString();
        CliRun run = CliRun.of(all);
        assertEquals(0, run.exit(), run.err());
        return Folded.read(out);
    }

    @Test
    void asyncProfilerPutsHalfTheSamplesInTheBurningJavaMethod() throws Exception {
        Process jvm = children.jvm("cpu");
        Duration cpuBefore = CpuTime.ofThreads(jvm.pid(), "saturn-burner");
        Folded f = profile("--pid", Long.toString(jvm.pid()), "--duration", "2s");
        long cpuMillis = CpuTime.ofThreads(jvm.pid(), "saturn-burner").minus(cpuBefore).toMillis();
        assertTrue(f.share("JavaBurner.burnCpu") >= 0.5, f.toString());
        // 99 Hz of the burner's CPU time, measured around the whole run (attach included): a quarter of it at least
        assertTrue(f.total() >= cpuMillis / 10 / 4, f.total() + " samples for " + cpuMillis + " ms of the burner's CPU: " + f);
    }

    @Test
    void asyncProfilerThreadsGivesARootFramePerThread() throws Exception {
        Process jvm = children.jvm("cpu");
        Folded f = profile("-p", Long.toString(jvm.pid()), "-d", "1s", "--threads");
        double burnerRoot = (double) f.where(s -> s.startsWith("[saturn-burner")) / f.total();
        assertTrue(burnerRoot >= 0.5, f.toString());
    }

    @Test
    void perfOnAJvmNamesItsJitFramesThroughThePerfMap() throws Exception {
        Needs.tool("perf");
        Process jvm = children.jvm("cpu", "-XX:+PreserveFramePointer");
        Folded f = profile("-p", Long.toString(jvm.pid()), "-d", "2s", "--java=false");
        // perf's root frame is the thread's name, which HotSpot sets for Java threads (15 chars at most)
        double burnerThread = (double) f.where(s -> s.startsWith("saturn-burner;")) / f.total();
        assertTrue(burnerThread >= 0.5, f.toString());
        // the leaf is named from /tmp/perf-PID.map, which saturn has the JVM write (Compiler.perfmap)
        assertTrue(f.share("JavaBurner.burnCpu") >= 0.5, f.toString());
        assertFalse(Files.exists(Path.of("/tmp/perf-" + jvm.pid() + ".map")), "the map saturn made is removed");
    }

    @Test
    void perfProfilesANativeProcessIntoAnSvg() throws Exception {
        Needs.tool("perf");
        Process burner = children.nativeBurner(dir);
        Path svg = dir.resolve("burn.svg");
        // 3 s: on a busy machine perf record can take a second or more to start sampling
        CliRun run = CliRun.of("profile", "-p", Long.toString(burner.pid()), "-d", "3s", "-o", svg.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("with perf, "), run.err());
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml") && text.contains("saturn_burn_leaf") && text.contains("Profile of " + burner.pid()), text);
        Folded f = profile("-p", Long.toString(burner.pid()), "-d", "3s");
        assertTrue(f.share("saturn_burn_leaf") >= 0.5, f.toString());
    }

    @Test
    void severalProcessesAsPerfTakesThemEachUnderItsOwnRoot() throws Exception {
        Needs.tool("perf");
        Process first = children.nativeBurner(Files.createDirectories(dir.resolve("first")));
        Process second = children.nativeBurner(Files.createDirectories(dir.resolve("second")));
        // perf record's spelling: -g accepted, -p with a comma-separated list
        Folded f = profile("-g", "-p", first.pid() + "," + second.pid(), "-d", "3s", "--format", "folded");
        for (Process p : List.of(first, second)) {
            String root = "saturn-burn-" + p.pid() + ";";
            long mine = f.where(s -> s.startsWith(root));
            assertTrue(mine > 0, "a root frame for " + p.pid() + ": " + f);
            assertTrue(f.where(s -> s.startsWith(root) && s.contains("saturn_burn_leaf")) >= 0.5 * mine, f.toString());
        }
        assertEquals(f.total(), f.where(s -> s.startsWith("saturn-burn-" + first.pid() + ";") || s.startsWith("saturn-burn-" + second.pid() + ";")),
                "only the two processes: " + f);
        CliRun java = CliRun.of("profile", "--java", "-p", first.pid() + "," + second.pid(), "-d", "1s", "--format", "folded");
        assertEquals(2, java.exit());
        assertEquals("saturn: --java profiles one JVM: give one --pid, or drop --java to record them all with perf\n", java.err());
    }

    @Test
    void aCommandAfterTheSeparatorIsProfiledToItsEnd() throws Exception {
        Needs.tools("perf", "timeout");
        Process compiled = children.nativeBurner(dir);
        compiled.destroy();
        Path out = dir.resolve("cmd.folded");
        // as perf record -- CMD: the command runs to its end (timeout ends the burner after 2 s), its children followed
        CliRun run = CliRun.of("profile", "-o", out.toString(), "--", "timeout", "2", dir.resolve("saturn-burn").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("exited with status 124"), "timeout's status for the command it ended: " + run.err());
        Folded f = Folded.read(out);
        long burner = f.where(s -> s.startsWith("saturn-burn;"));
        assertTrue(burner > 0, "the burner, a child of the command: " + f);
        assertTrue(f.where(s -> s.startsWith("saturn-burn;") && s.contains("saturn_burn_leaf")) >= 0.5 * burner, f.toString());

        CliRun missing = CliRun.of("profile", "-o", out.toString(), "--", "no-such-command-here");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().endsWith("saturn: cannot run no-such-command-here: not found (give its path, or check PATH)\n"), missing.err());
        CliRun both = CliRun.of("profile", "-p", "1", "-o", out.toString(), "--", "true");
        assertEquals("saturn: give a command to run (after --) or -p/--all, not both\n", both.err());
    }

    @Test
    void systemWideProfileShowsTheNativeBurner() throws Exception {
        Needs.tool("perf");
        Process burner = children.nativeBurner(dir);
        Folded f = profile("--all", "-d", "2s", "--format", "folded");
        long burnerSamples = f.where(s -> s.startsWith("saturn-burn;"));
        // one busy thread on a machine of N CPUs gets about 1/N of a system-wide profile, less when others are busy
        assertTrue(burnerSamples >= 0.1 * f.total(), f.toString());
        assertTrue(f.where(s -> s.startsWith("saturn-burn;") && s.contains("saturn_burn_leaf")) >= 0.5 * burnerSamples, f.toString());
        assertTrue(f.where(s -> !s.startsWith("saturn-burn;")) > 0, "other processes and idle CPUs are in it too: " + f);
        burner.destroy();
    }

    @Test
    void systemWideProfileNamesTheJitFramesOfAJvm() throws Exception {
        Process jvm = children.jvm("cpu", "-XX:+PreserveFramePointer");
        Folded f = profile("--all", "-d", "2s", "--format", "folded");
        long burner = f.where(s -> s.startsWith("saturn-burner;"));
        assertTrue(burner > 0, "the JVM's burning thread is in the profile: " + f);
        // named from /tmp/perf-PID.map, which saturn has every JVM write (Compiler.perfmap), as for --pid
        assertTrue(f.where(s -> s.startsWith("saturn-burner;") && s.contains("JavaBurner.burnCpu")) >= 0.5 * burner, f.toString());
        assertFalse(Files.exists(Path.of("/tmp/perf-" + jvm.pid() + ".map")), "the map saturn made is removed");
    }

    @Test
    void anSvgIsNotPouredIntoATerminal() throws Exception {
        String command = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName()
                + " profile --all -d 30s";
        // script(1) gives saturn a pseudo-terminal as its standard output
        Process p = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still profiling after 20 s, on its way to the terminal: not refused at once");
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertEquals(2, p.exitValue(), said);
        assertEquals("saturn: not writing an SVG into the terminal: give -o FILE (e.g. -o profile.svg), or redirect: > profile.svg\n", said);
    }

    @Test
    void asyncProfilerAllocationProfileWeighsTheAllocatingMethodInBytes() throws Exception {
        Process jvm = children.jvm("alloc");
        Path svg = dir.resolve("alloc.svg");
        CliRun run = CliRun.of("profile", "-p", Long.toString(jvm.pid()), "-d", "1s", "--event", "alloc", "-o", svg.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains(" bytes in "), run.err());
        Folded f = profile("-p", Long.toString(jvm.pid()), "-d", "1s", "-e", "alloc");
        assertTrue(f.share("JavaBurner.allocate") >= 0.5, f.toString());
        assertTrue(f.share("byte[]") >= 0.5, "async-profiler names the allocated class as the leaf: " + f);
    }

    @Test
    void asyncProfilerWallClockSeesASleepingThread() throws Exception {
        Process jvm = children.jvm("wall");
        Folded f = profile("-p", Long.toString(jvm.pid()), "-d", "1s", "-e", "wall", "--threads");
        assertTrue(f.where(s -> s.startsWith("[saturn-sleeper") && s.contains("JavaBurner.sleepy")) > 0, f.toString());
    }

    @Test
    void asyncProfilerLockProfileFindsTheContendedMonitor() throws Exception {
        Process jvm = children.jvm("lock");
        Folded f = profile("-p", Long.toString(jvm.pid()), "-d", "3s", "-e", "lock");
        assertTrue(f.share("JavaBurner.contend") >= 0.5, f.toString());
    }

    @Test
    void aJvmThatExitsWhileProfiledStillGivesItsProfile() throws Exception {
        Process jvm = children.jvmFor("cpu", 2500L);
        long start = System.nanoTime();
        Path out = dir.resolve("exited.folded");
        CliRun run = CliRun.of("profile", "-p", Long.toString(jvm.pid()), "-d", "60s", "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("ended early by the target's exit"), run.err());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "did not wait out the 60 s");
        Folded f = Folded.read(out);
        assertTrue(f.share("JavaBurner.burnCpu") >= 0.5, "async-profiler wrote its output as the JVM exited: " + f);
    }

    @Test
    void aProcessThatExitsWhilePerfRecordsStillGivesItsProfile() throws Exception {
        Needs.tool("perf");
        Process jvm = children.jvmFor("cpu", 2500L);
        Path out = dir.resolve("perf-exited.folded");
        CliRun run = CliRun.of("profile", "-p", Long.toString(jvm.pid()), "--java=false", "-d", "60s", "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("ended early by the target's exit"), run.err());
        assertTrue(run.err().contains("JIT-compiled frames stay unnamed"), "honest about what perf could not name: " + run.err());
        assertTrue(Folded.read(out).where(s -> s.startsWith("saturn-burner;")) > 0, run.err());
    }

    @Test
    void withoutOutputFileTheProfileGoesToStdout() throws Exception {
        Needs.tool("perf");
        Process burner = children.nativeBurner(dir);
        // 2 s: on a busy machine perf record can take more than 0.5 s to start sampling
        FlameRun run = FlameRun.of("profile", "-p", Long.toString(burner.pid()), "-d", "2s", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        String json = run.text();
        assertTrue(json.startsWith("{") && json.contains("\"name\"") && json.contains("saturn_burn_leaf"), json);
        assertTrue(run.err().contains("saturn: wrote stdout: "), run.err());
    }

    @Test
    void anHtmlNameGivesTheCanvasPageWithEveryFrame() throws Exception {
        Needs.tool("perf");
        Process burner = children.nativeBurner(dir);
        Path out = dir.resolve("cpu.html");
        FlameRun run = FlameRun.of("profile", "-p", Long.toString(burner.pid()), "-d", "2s", "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("saturn: wrote " + out + ": "), run.err());
        HtmlPage page = HtmlPage.of(Files.readAllBytes(out));
        assertTrue(page.text().startsWith("<!DOCTYPE html>"), page.text().substring(0, 40));
        assertTrue(page.names().contains("saturn_burn_leaf"), page.names().toString());
        assertTrue(page.frames() > 2, "frames: " + page.frames());
    }

    @Test
    void ctrlCStopsEarlyAndStillWritesTheProfile() throws Exception {
        Needs.tool("perf");
        Process burner = children.nativeBurner(dir);
        Path out = dir.resolve("early.folded");
        // saturn in its own JVM (the test's class path), so that it can receive SIGINT as from a terminal
        List<String> command = new ArrayList<>(ChildProcess.INTERRUPTIBLE);
        command.addAll(List.of(ChildProcess.java(), "-cp", System.getProperty("java.class.path"), Saturn.class.getName(),
                "profile", "-p", Long.toString(burner.pid()), "-d", "60s", "-o", out.toString()));
        Process saturn = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.io.BufferedReader said = new java.io.BufferedReader(new java.io.InputStreamReader(saturn.getInputStream()));
        String first = said.readLine();
        assertTrue(first != null && first.startsWith("saturn: profiling " + burner.pid()), first);
        Duration cpuAtStart = CpuTime.ofProcess(burner.pid());
        Poll.untilTrue(Duration.ofSeconds(60), "the burner to run 0.5 s on a CPU while profiled",
                () -> CpuTime.ofProcess(burner.pid()).minus(cpuAtStart).toMillis() >= 500);
        long start = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(saturn.pid())).start().waitFor();
        String rest = new String(saturn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(saturn.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, saturn.exitValue(), rest);
        assertTrue(rest.contains("ended early by Ctrl-C"), rest);
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "stopped long before the 60 s");
        assertTrue(Folded.read(out).share("saturn_burn_leaf") >= 0.5, rest);
    }

    // ---- errors: one line, exit 2, saying what to do

    @Test
    void perfNotInstalledSaysHowToInstallIt() throws Exception {
        Process sleep = children.sleep();
        CliRun run = CliRun.failing("profile", "-p", Long.toString(sleep.pid()), "-d", "1s", "--perf", dir.resolve("no/perf").toString(),
                "-o", dir.resolve("x.svg").toString());
        assertTrue(run.err().contains("perf not found") && run.err().contains("apt-get install linux-perf"), run.err());
    }

    @Test
    void aProcessThatHasExitedIsReportedGone() throws Exception {
        long pid = Children.exitedPid();
        CliRun run = CliRun.failing("profile", "-p", Long.toString(pid), "-d", "1s", "-o", dir.resolve("x.svg").toString());
        assertTrue(run.err().contains("process " + pid + " is gone"), run.err());
    }

    @Test
    void javaOnAProcessThatIsNotAJvm() throws Exception {
        Process sleep = children.sleep();
        CliRun run = CliRun.failing("profile", "-p", Long.toString(sleep.pid()), "--java", "-d", "1s", "-o", dir.resolve("x.svg").toString());
        assertTrue(run.err().contains("(sleep) is not a JVM") && run.err().contains("drop --java"), run.err());
    }

    @Test
    void aJvmWithAttachDisabledIsRefusedUpFront() throws Exception {
        Process jvm = children.jvm("cpu", "-XX:+DisableAttachMechanism");
        long start = System.nanoTime();
        CliRun run = CliRun.failing("profile", "-p", Long.toString(jvm.pid()), "-d", "1s", "-o", dir.resolve("x.svg").toString());
        assertTrue(run.err().contains("-XX:+DisableAttachMechanism") && run.err().contains("restart it without"), run.err());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "no attach timeout waited out");
    }

    @Test
    void anOutputThatCannotBeWrittenFailsBeforeProfiling() throws Exception {
        Process sleep = children.sleep();
        String pid = Long.toString(sleep.pid());
        CliRun missingDir = CliRun.failing("profile", "-p", pid, "-d", "10s", "-o", dir.resolve("no/such/out.svg").toString());
        assertTrue(missingDir.err().contains("no such directory"), missingDir.err());
        CliRun directory = CliRun.failing("profile", "-p", pid, "-d", "10s", "-o", dir.toString());
        assertTrue(directory.err().contains("it is a directory"), directory.err());
        assertFalse(missingDir.err().contains("profiling"), "checked before the 10 s of profiling");
    }

    @Test
    void aFullDiskAtTheEndIsOneLineAndNoClaimOfSuccess() throws Exception {
        Needs.tool("perf");
        Process burner = children.nativeBurner(dir);
        CliRun run = CliRun.of("profile", "-p", Long.toString(burner.pid()), "-d", "2s", "-o", "/dev/full");
        assertEquals(2, run.exit(), run.err());
        String last = run.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("saturn: cannot write /dev/full: No space left on device", last, run.err());
        assertFalse(run.err().contains("wrote"), run.err());
        assertFalse(run.err().contains("internal error"), run.err());
    }

    @Test
    void eventsOtherThanCpuNeedAJvm() throws Exception {
        Process sleep = children.sleep();
        CliRun run = CliRun.failing("profile", "-p", Long.toString(sleep.pid()), "-e", "lock", "-o", dir.resolve("x.svg").toString());
        assertTrue(run.err().contains("--event lock needs async-profiler"), run.err());
        CliRun all = CliRun.failing("profile", "--all", "--java", "-o", dir.resolve("x.svg").toString());
        assertTrue(all.err().contains("give --pid"), all.err());
        CliRun both = CliRun.failing("profile", "--all", "--pid", "1");
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void aProcessWithNoCpuTimeGivesNoSamplesAndSaysSo() throws Exception {
        Needs.tool("perf");
        Process sleep = children.sleep();
        Path out = dir.resolve("idle.svg");
        CliRun run = CliRun.of("profile", "-p", Long.toString(sleep.pid()), "-d", "500ms", "-o", out.toString());
        assertEquals(2, run.exit(), run.err());
        String last = run.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("saturn: no samples from " + sleep.pid() + " (sleep)"), run.err());
        assertFalse(Files.exists(out), "no empty graph written");
    }

    /** async-profiler's flame graph colours: JIT-compiled #50e150 and kernel #e17d00, each channel up to 30 above. */
    private static boolean inColour(String fill, int base, int[] rise) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)").matcher(fill);
        if (!m.matches()) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            int v = Integer.parseInt(m.group(k + 1));
            int b = base >> (16 - 8 * k) & 0xff;
            if (v < b || v > b + rise[k]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void asyncProfilerFramesKeepTheirTypeAndAreColouredByIt() throws Exception {
        Process jvm = children.jvm("alloc");
        String pid = Long.toString(jvm.pid());
        Folded f = profile("-p", pid, "-d", "2s");
        String allocate = "dev/saturn/cli/JavaBurner.allocate";
        assertTrue(f.share(allocate + "_[j]") >= 0.5, "the hot method annotated JIT-compiled: " + f);
        // kernel frames reach async-profiler through perf_events: for root, or with perf_event_paranoid at most 1
        boolean kernelVisible = Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip()) <= 1
                || (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        if (kernelVisible) {
            // the burner's fresh arrays fault pages in
            assertTrue(f.where(s -> s.contains("_[k]")) > 0, "kernel frames annotated _[k]: " + f);
        }

        Path svg = dir.resolve("typed.svg");
        CliRun run = CliRun.of("profile", "-p", pid, "-d", "2s", "-o", svg.toString());
        assertEquals(0, run.exit(), run.err());
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        java.util.regex.Matcher g = java.util.regex.Pattern.compile(
                "<g class=\"frame\" data-name=\"([^\"]*)\" data-type=\"([^\"]*)\"><title>([^<]*)</title><rect [^>]*fill=\"([^\"]*)\"/>(?:<text[^>]*>([^<]*)</text>)?")
                .matcher(text);
        int jit = 0;
        int kernel = 0;
        while (g.find()) {
            String label = g.group(5) == null ? "" : g.group(5);
            assertFalse(label.contains("_[") || g.group(3).contains("_["), "the suffix is not drawn: " + g.group());
            assertTrue(g.group(3).startsWith(g.group(1) + " (" + g.group(2) + ") ("), "the tooltip keeps the type: " + g.group(3));
            if (g.group(2).equals("JIT compiled")) {
                jit++;
                assertTrue(inColour(g.group(4), 0x50e150, new int[] {30, 30, 30}), "JIT-compiled green: " + g.group());
            } else if (g.group(2).equals("kernel")) {
                kernel++;
                assertTrue(inColour(g.group(4), 0xe17d00, new int[] {30, 30, 0}), "kernel orange: " + g.group());
            }
        }
        assertTrue(text.contains("data-name=\"" + allocate + "\" data-type=\"JIT compiled\""), "the hot method, JIT-compiled");
        assertTrue(jit > 0 && (kernel > 0 || !kernelVisible), jit + " JIT frames, " + kernel + " kernel frames");

        Path html = dir.resolve("typed.html");
        run = CliRun.of("profile", "-p", pid, "-d", "2s", "-o", html.toString());
        assertEquals(0, run.exit(), run.err());
        HtmlPage page = HtmlPage.of(Files.readAllBytes(html));
        // the hot method once JIT-compiled; it may also be there inlined into its caller, a name of its own with the same label
        int at = java.util.stream.IntStream.range(0, page.names().size())
                .filter(i -> page.names().get(i).equals(allocate) && page.types().get(i).equals("JIT compiled")).findFirst().orElse(-1);
        assertTrue(at > 0, "the label without its suffix, JIT compiled: " + page.names() + " " + page.types());
        assertTrue(inColour(page.fills().get(at), 0x50e150, new int[] {30, 30, 30}), page.fills().get(at));
        for (int i = 0; i < page.names().size(); i++) {
            if ("kernel".equals(page.types().get(i))) {
                assertTrue(inColour(page.fills().get(i), 0xe17d00, new int[] {30, 30, 0}), page.names().get(i) + " " + page.fills().get(i));
            }
        }
    }
}
