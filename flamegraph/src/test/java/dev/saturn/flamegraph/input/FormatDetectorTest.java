package dev.saturn.flamegraph.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.testkit.Needs;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {
    /** A perf script excerpt as `perf record -g` and `perf script` print it, with --header comments. */
    private static final String PERF_SCRIPT = ""
            + "# ========\n"
            + "# captured on    : Thu Nov 27 08:00:00 2026\n"
            + "# cmdline : /usr/bin/perf record -F 99 -g -- ./app \n"
            + "# ========\n"
            + "#\n"
            + "app 4151/4152 [001] 75695.008865:   10101010 cpu-clock:pppH: \n"
            + "\t    55d0c2a1b139 compute+0x19 (/opt/app/bin/app)\n"
            + "\t    55d0c2a1b1f0 main+0x40 (/opt/app/bin/app)\n"
            + "\t    7f3a1c029d8f __libc_start_call_main+0x7f (/usr/lib/x86_64-linux-gnu/libc.so.6)\n"
            + "\n"
            + "swapper     0 [000] 75695.010001:   10101010 cpu-clock:pppH: \n"
            + "\tffffffff81e3c4ab default_idle+0xb ([kernel.kallsyms])\n"
            + "\n";

    @TempDir
    Path tmp;

    @Test
    void jfrByItsMagic() throws IOException {
        assertEquals(StackFormat.JFR, FormatDetector.detect(resource("jfr/stacks-2s.jfr")));
        assertEquals(StackFormat.JFR, FormatDetector.detect(new byte[] {'F', 'L', 'R', 0}));
    }

    @Test
    void jstackDumpsOfEveryKind() throws IOException {
        for (String dump : List.of("three-dumps.txt", "jcmd-thread-print.txt", "deadlock.txt")) {
            assertEquals(StackFormat.JSTACK, FormatDetector.detect(resource("jstack/" + dump)), dump);
        }
        String fragment = "\"worker-1\" #21 daemon prio=5 os_prio=0 cpu=5.21ms elapsed=9.10s tid=0x00007f00 nid=0x1f03 runnable  [0x00007f00]\n"
                + "   java.lang.Thread.State: RUNNABLE\n\tat a.B.c(B.java:1)\n";
        assertEquals(StackFormat.JSTACK, FormatDetector.detect(bytes(fragment)));
        assertEquals(StackFormat.JSTACK, FormatDetector.detect(bytes("   java.lang.Thread.State: RUNNABLE\n\tat a.B.c(B.java:1)\n")));
    }

    @Test
    void perfScriptInline() {
        assertEquals(StackFormat.PERF, FormatDetector.detect(bytes(PERF_SCRIPT)));
        String withoutCallChains = ""
                + "            perf 12345 [000] 1234.567890:          1 cycles:  ffffffff8106f1e8 native_write_msr ([kernel.kallsyms])\n"
                + "             app 12346 [001] 1234.567891:     250000 cycles:      55d0c2a1b139 compute (/opt/app/bin/app)\n";
        assertEquals(StackFormat.PERF, FormatDetector.detect(bytes(withoutCallChains)));
        String tracepoint = "app 4151 [001] 75695.008865: sched:sched_switch: prev_comm=app prev_pid=4151 prev_prio=120 prev_state=S ==> next_comm=swapper/1\n"
                + "\tffffffff81e3c4ab __schedule+0x2eb ([kernel.kallsyms])\n\n";
        assertEquals(StackFormat.PERF, FormatDetector.detect(bytes(tracepoint)));
    }

    @Test
    void perfScriptFromStackcollapsePerfTestData() throws IOException {
        Path dir = Needs.sharedData("testdata/flamegraph/stackcollapse-perf");
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        assertEquals(13, inputs.size(), inputs::toString);
        for (Path input : inputs) {
            assertEquals(StackFormat.PERF, FormatDetector.detect(input), input.toString());
        }
        for (Path folded : List.of(dir.resolve("expected/perf-vertx-stacks-01-collapsed-all.txt"),
                dir.resolve("expected/perf-cycles-instructions-01-collapsed-pid.txt"))) {
            assertEquals(StackFormat.FOLDED, FormatDetector.detect(folded), folded.toString());
        }
        Path dtrace = shared().resolve("testdata/flamegraph/bench/example-dtrace-stacks.txt");
        if (Files.exists(dtrace)) {
            assertEquals(StackFormat.DTRACE, FormatDetector.detect(dtrace), dtrace.toString());
        }
    }

    @Test
    void foldedIncludingAsyncProfilerCollapsedDifferentialAndFractional() throws IOException {
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(resource("folded/async-profiler-cpu-ann.collapsed")));
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(resource("folded/async-profiler-alloc-threads-total.collapsed")));
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(bytes("main;a;b 10\nmain;c 2\n")));
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(bytes("main;a;b 10 12\nmain;c 2 0\n")));
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(bytes("main;a;b 0.25\r\nmain;c 1.5\r\n")));
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(bytes("java;Foo.bar(int x) 4\n\n")));
    }

    @Test
    void unknownForEmptyGarbageAndProse() {
        byte[] garbage = new byte[100_000];
        new Random(11).nextBytes(garbage);
        assertEquals(StackFormat.UNKNOWN, FormatDetector.detect(new byte[0]));
        assertEquals(StackFormat.UNKNOWN, FormatDetector.detect(bytes("\n\n# only a comment\n")));
        assertEquals(StackFormat.UNKNOWN, FormatDetector.detect(garbage));
        assertEquals(StackFormat.UNKNOWN, FormatDetector.detect(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}));
        assertEquals(StackFormat.UNKNOWN, FormatDetector.detect(bytes("Flame graphs show where time goes.\nThey were made in 2011.\n")));
        assertEquals(StackFormat.UNKNOWN, FormatDetector.detect(bytes("main;a;b 10\nnot folded\n")));
    }

    @Test
    void megabyteFirstLineIsReadToItsEnd() throws IOException {
        String stack = "frame;".repeat(200_000) + "leaf 7\nmain 1\n";
        Path file = tmp.resolve("long.folded");
        Files.writeString(file, stack, StandardCharsets.ISO_8859_1);
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(file));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            assertEquals(StackFormat.FOLDED, FormatDetector.detect(in));
            assertEquals('f', in.read(), "the stream is back at its start");
        }
    }

    @Test
    void streamIsResetForTheParser() throws IOException {
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes(PERF_SCRIPT)));
        assertEquals(StackFormat.PERF, FormatDetector.detect(in));
        assertEquals(PERF_SCRIPT, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        assertThrows(IllegalArgumentException.class, () -> FormatDetector.detect(InputStream.nullInputStream()));
    }

    @Test
    void unknownHasAOneLineMessageAndNamesMapToFormats() {
        assertEquals("cannot tell the format of dump.bin; use --format", FormatDetector.cannotTell("dump.bin"));
        assertEquals(Optional.of(StackFormat.FOLDED), StackFormat.fromName("collapsed"));
        assertEquals(Optional.of(StackFormat.JSTACK), StackFormat.fromName("JStack"));
        assertEquals(Optional.empty(), StackFormat.fromName("unknown"));
        assertEquals("jfr", StackFormat.JFR.cliName());
    }

    private static Path shared() {
        return Needs.sharedDir();
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Path resource(String name) {
        try {
            return Path.of(FormatDetectorTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }
}
