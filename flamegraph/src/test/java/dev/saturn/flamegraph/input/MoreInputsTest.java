package dev.saturn.flamegraph.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.testkit.Needs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DTrace, SystemTap, bpftrace, BCC and V8 inputs read through {@link StackReader} with auto-detection,
 * against the Perl collapsers' outputs on our recordings (src/test/resources/inputs/README.md).
 */
class MoreInputsTest {

    record Read(StackFormat format, String folded, long stacks) {
    }

    static Read read(byte[] input) {
        FoldedStacks stacks = new FoldedStacks();
        List<String> warnings = new ArrayList<>();
        try {
            StackReader.Read r = StackReader.detecting(StackFormat.UNKNOWN, PerfCollapseOptions.defaults(), JfrOptions.DEFAULTS,
                    warnings::add).read(new ByteArrayInputStream(input), stacks);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stacks.writeTo(out);
            return new Read(r.format(), out.toString(StandardCharsets.ISO_8859_1), r.stats().stacks());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = MoreInputsTest.class.getResourceAsStream("/inputs/" + name)) {
            assertNotNull(in, "test resource /inputs/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.ISO_8859_1);
    }

    @Test
    void bpftraceKernelStacksAsStackcollapseBpftracePl() {
        Read r = read(resource("bpftrace-kstack.txt"));
        assertEquals(StackFormat.BPFTRACE, r.format());
        assertEquals(text("bpftrace-kstack-collapsed.txt"), r.folded());
    }

    @Test
    void bpftraceSeveralKeysPutUserFramesAboveKernelOnesAndTheCommandAtTheRoot() {
        String in = "Attaching 1 probe...\n\n@[\n    do_syscall_64+113\n    entry_SYSCALL_64+118\n, \n    write+20\n    main+40\n, dd]: 3\n"
                + "@[, \n    main+12\n, dd]: 2\n@[bash]: 4\n";
        Read r = read(in.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(StackFormat.BPFTRACE, r.format());
        assertEquals("bash 4\ndd;main+12 2\ndd;main+40;write+20;entry_SYSCALL_64+118;do_syscall_64+113 3\n", r.folded());
    }

    @Test
    void systemtapAsStackcollapseStapPl() {
        Read r = read(resource("stap-backtraces.txt"));
        assertEquals(StackFormat.STAP, r.format());
        assertEquals(text("stap-backtraces-collapsed.txt"), r.folded());
    }

    @Test
    void bccDefaultOutputGivesWhatTheToolPrintsWithDashF() {
        Read r = read(resource("bcc-profile-delimited.txt"));
        assertEquals(StackFormat.BCC, r.format());
        Read folded = read(resource("bcc-profile-delimited-f.txt"));
        assertEquals(StackFormat.FOLDED, folded.format());
        assertEquals(folded.folded(), r.folded());
    }

    @Test
    void dtraceExampleFromSharedDataAsStackcollapsePl() throws IOException {
        Path file = Needs.sharedData("testdata/flamegraph/bench").resolve("example-dtrace-stacks.txt");
        byte[] input = Files.readAllBytes(file);
        Read r = read(input);
        assertEquals(StackFormat.DTRACE, r.format());
        // stackcollapse.pl's sums: every count line of the file, less the three header lines
        long counts = 0;
        long countLines = 0;
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n");
        for (int i = 3; i < lines.length; i++) {
            if (lines[i].strip().matches("\\d+")) {
                counts += Long.parseLong(lines[i].strip());
                countLines++;
            }
        }
        long total = 0;
        for (String line : r.folded().split("\n")) {
            total += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            assertTrue(!line.contains("+0x"), line);
        }
        assertEquals(counts, total);
        assertEquals(countLines, r.stacks());
        assertTrue(r.folded().contains("unix`sys_syscall;genunix`open;genunix`openat;genunix`copen;"), "frames root first, module`function");
    }

    @Test
    void dtraceWithoutItsHeaderLosesNoFrame() {
        Read r = read("              genunix`fop_read+0x1a\n              unix`sys_syscall+0x17a\n                4\n\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(StackFormat.DTRACE, r.format());
        assertEquals("unix`sys_syscall;genunix`fop_read 4\n", r.folded());
    }

    @Test
    void nodeCpuProfileFoldsEverySample() {
        byte[] input = resource("fib.cpuprofile");
        Read r = read(input);
        assertEquals(StackFormat.CPUPROFILE, r.format());
        String json = new String(input, StandardCharsets.UTF_8);
        int samples = json.substring(json.indexOf("\"samples\":[") + 11, json.indexOf(']', json.indexOf("\"samples\":["))).split(",").length;
        long total = 0;
        long inFib = 0;
        for (String line : r.folded().split("\n")) {
            long n = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            total += n;
            if (line.contains(";fib fib.js:2")) {
                inFib += n;
                assertTrue(line.contains("(anonymous) fib.js:4;fib fib.js:2"), "fib under the forEach callback: " + line);
            }
        }
        assertEquals(samples, total);
        assertTrue(inFib > 0, "fib's samples: " + inFib + " of " + total);
    }
}
