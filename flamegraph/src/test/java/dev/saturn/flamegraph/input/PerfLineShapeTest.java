package dev.saturn.flamegraph.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand matchers answer what the regexes of their documentation answer, on real and on random lines. */
class PerfLineShapeTest {
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*[^\\s;][^;]*?\\s\\d+(/\\d+)?\\s+(\\[\\d+\\]\\s+)?(\\d+\\.\\d+:\\s+)?(\\d+\\s+)?\\S+:(\\s.*)?$");
    private static final Pattern FRAME = Pattern.compile("^\\s*[0-9a-fA-F]+\\s+\\S.*");

    private static final List<String> HEADERS = List.of(
            "java 4242/4243 [000] 1.000: 10101010 cpu-clock:",
            "swapper     0 [001] 2553.234342:   10101010 cpu-clock: ",
            "perf 12 cycles:",
            "  Web Content 4001/4010 [003] 123.456789: 250000 cycles:ppp:  ffffffff811 do_syscall_64",
            "kworker/0:1 17 [000] 1.5: sched:sched_switch: prev_comm=a",
            "java 1 [7] 2.2: 9 ev:\tx");
    private static final List<String> NOT_HEADERS = List.of(
            "a;b;c 12", "copy1-java;start_thread 5", "java 4242 cpu-clock", ";java 1 ev:", "java x1 ev:", "java 1/ ev:",
            "java 1 ev:x", "\t7f0000001000 leaf+0x10 (/usr/lib/libc.so.6)", "");
    private static final List<String> FRAMES = List.of(
            "\t7f0000001000 leaf+0x10 (/usr/lib/libc.so.6)", "  ffffffff8103ce3b native_safe_halt+0x1b ([kernel.kallsyms])",
            "400 main");
    private static final List<String> NOT_FRAMES = List.of("7f00 ", "zz main", "\t400\tmain\r", "400 a\u0085b", "", "   ");

    @Test
    void realLines() {
        for (String h : HEADERS) {
            assertTrue(PerfLineShape.header(h), h);
            assertTrue(HEADER.matcher(h).matches(), h);
        }
        for (String h : NOT_HEADERS) {
            assertFalse(PerfLineShape.header(h), h);
            assertFalse(HEADER.matcher(h).matches(), h);
        }
        for (String f : FRAMES) {
            assertTrue(PerfLineShape.frame(f), f);
            assertTrue(FRAME.matcher(f).matches(), f);
        }
        for (String f : NOT_FRAMES) {
            assertFalse(PerfLineShape.frame(f), f);
            assertFalse(FRAME.matcher(f).matches(), f);
        }
    }

    /** Lines built from the characters the regexes care about, short enough that every shape turns up. */
    @Test
    void randomLinesAgreeWithTheRegexes() {
        String alphabet = "  \t\r\n\u000B\f\u0085\u2028;:/.[]0123456789aFxz-";
        String[] pieces = {"java", " 42", "/7", " [003]", " 1.5:", " 100", " cycles:", " ev:", "::", " 7f00", ";", "\t"};
        Random random = new Random(42);
        int headers = 0;
        int frames = 0;
        for (int n = 0; n < 300_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(14);
            for (int i = 0; i < len; i++) {
                if (random.nextInt(3) == 0) {
                    b.append(pieces[random.nextInt(pieces.length)]);
                } else {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String line = b.toString();
            boolean header = HEADER.matcher(line).matches();
            boolean frame = FRAME.matcher(line).matches();
            assertEquals(header, PerfLineShape.header(line), () -> "header: " + line.replace("\n", "\\n").replace("\r", "\\r"));
            assertEquals(frame, PerfLineShape.frame(line), () -> "frame: " + line.replace("\n", "\\n").replace("\r", "\\r"));
            headers += header ? 1 : 0;
            frames += frame ? 1 : 0;
        }
        // the random lines must reach both answers often, or the comparison says little
        assertTrue(headers > 1000, "headers " + headers);
        assertTrue(frames > 1000, "frames " + frames);
    }
}
