package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.flamegraph.parse.CountUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stackcollapse-perf.pl's rules, one per test, on inputs small enough to read. */
class PerfScriptParserTest {
    private static final PerfCollapseOptions DEFAULTS = PerfCollapseOptions.defaults();

    private static String sample(String header, String... frames) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String f : frames) {
            b.append('\t').append(f).append('\n');
        }
        return b.append('\n').toString();
    }

    @Test
    void foldsFramesRootFirstUnderTheProcessName() {
        String in = sample("dd 29776 666709.771979: 10101010 cpu-clock:", "ffffffff8103ce3b native_safe_halt ([kernel.kallsyms])",
                "ffffffff8101c6a3 default_idle ([kernel.kallsyms])", "4005d0 main (/bin/dd)");
        assertEquals("dd;main;default_idle;native_safe_halt 10101010\n", Collapse.of(in).text());
    }

    @Test
    void sumsTheCountsOfIdenticalStacks() {
        String s = sample("a.out 1 1.0: 3 cpu-clock:", "400 f (/a.out)");
        assertEquals("a.out;f 6\n", Collapse.of(s + s).text());
    }

    @Test
    void countsOneWhenThereIsNoPeriodOrItIsZero() {
        String in = sample("a.out 1 1.0: cpu-clock:", "400 f (/a.out)") + sample("a.out 1 1.0: 0 cpu-clock:", "400 f (/a.out)");
        assertEquals("a.out;f 2\n", Collapse.of(in).text());
    }

    @Test
    void saysWhatTheCountsAreWhenPeriodsWereSummed() {
        CountUnit clock = Collapse.of(sample("dd 1 1.0: 10101010 cpu-clock:pppH:", "400 f (/dd)")).stats().unit();
        assertEquals(new CountUnit("ns", "cpu-clock:pppH"), clock);
        assertEquals("counts are cpu-clock:pppH periods summed, in ns", clock.describe());
        assertEquals("ns", Collapse.of(sample("dd 1 1.0: 250000 task-clock:", "400 f (/dd)")).stats().unit().name());
        assertEquals("cycles", Collapse.of(sample("dd 1 1.0: 1200000 cycles:u:", "400 f (/dd)")).stats().unit().name());
        assertEquals(CountUnit.SAMPLES, Collapse.of(sample("dd 1 1.0: cpu-clock:", "400 f (/dd)")).stats().unit(), "no period");
        assertEquals(CountUnit.SAMPLES, Collapse.of(sample("dd 1 1.0: 1 sched:sched_switch:", "400 f (/dd)")).stats().unit(),
                "periods of 1 count samples");
    }

    @Test
    void keepsTheLastSampleWithoutAFinalBlankLine() {
        String in = "a.out 1 1.0: cpu-clock:\n\t400 f (/a.out)\n\na.out 1 1.0: cpu-clock:\n\t400 g (/a.out)";
        assertEquals("a.out;f 1\na.out;g 1\n", Collapse.of(in).text());
    }

    @Test
    void replacesSpacesInTheProcessName() {
        assertEquals("V8_WorkerThread;f 1\n", Collapse.of(sample("V8 WorkerThread 25607 4794564.109216: 1 cycles:", "400 f (/x)")).text());
    }

    @Test
    void readsAOneCharacterProcessName() {
        assertEquals("t;f 1\n", Collapse.of(sample("t 99076 10314749.002559: 1 cpu-clock:", "400 f (/t)")).text());
    }

    @Test
    void namesTheRootCommPidWithPid() {
        String in = sample("java 24636/25607 [000] 4794564.109216: 1 cycles:", "400 f (/x)");
        assertEquals("java-24636;f 1\n", Collapse.of(in, DEFAULTS.withPid()).text());
        assertEquals("java-24636/25607;f 1\n", Collapse.of(in, DEFAULTS.withTid()).text());
    }

    @Test
    void leavesThePidUnknownWhenPerfPrintedOnlyTheTid() {
        String in = sample("java 25607 4794564.109216: 1 cycles:", "400 f (/x)");
        assertEquals("java-?;f 1\n", Collapse.of(in, DEFAULTS.withPid()).text());
        assertEquals("java-?/25607;f 1\n", Collapse.of(in, DEFAULTS.withTid()).text());
    }

    @Test
    void stripsSymbolOffsets() {
        assertEquals("ab;cpu_startup_entry 1\n",
                Collapse.of(sample("ab 1 1.0: cpu-clock:", "7fffb84c9afc cpu_startup_entry+0x800047c022ec ([kernel.kallsyms])")).text());
    }

    @Test
    void namesUnknownSymbolsAfterTheirModule() {
        String in = sample("ab 1 1.0: cpu-clock:", "7f2 [unknown] (/usr/lib/libc.so.6)", "6e2f [unknown] ([unknown])");
        assertEquals("ab;[unknown];[libc.so.6] 1\n", Collapse.of(in).text());
        assertEquals("ab;[unknown <6e2f>];[libc.so.6 <7f2>] 1\n", Collapse.of(in, DEFAULTS.withAddrs()).text());
    }

    @Test
    void turnsSemicolonsIntoColons() {
        assertEquals("ab;Lorg/Foo:.bar 1\n", Collapse.of(sample("ab 1 1.0: cpu-clock:", "1 Lorg/Foo;.bar (/tmp/perf-1.map)")).text());
    }

    @Test
    void cutsArgumentsButNotGoMethodsNorAnonymousNamespaces() {
        String in = sample("ab 1 1.0: cpu-clock:", "1 foo(int, char*) (/x)", "2 net/http.(*Client).Do (/x)",
                "3 ns::(anonymous namespace)::bar(int) (/x)");
        assertEquals("ab;ns::(anonymous namespace)::bar;net/http.(*Client).Do;foo 1\n", Collapse.of(in).text());
    }

    @Test
    void deletesQuotes() {
        assertEquals("ab;RegExp:[&<>] 1\n", Collapse.of(sample("ab 1 1.0: cpu-clock:", "13a80b608e0a RegExp:[&<>\"'] (/tmp/perf-7539.map)")).text());
    }

    @Test
    void stripsTheLeadingLOfJavaClassesInJavaProcessesOnly() {
        String frame = "7f722d142778 Ljava/io/PrintStream;::print (/tmp/perf-19982.map)";
        assertEquals("java;java/io/PrintStream:::print 1\n", Collapse.of(sample("java 1 1.0: cpu-clock:", frame)).text());
        assertEquals("node;Ljava/io/PrintStream:::print 1\n", Collapse.of(sample("node 1 1.0: cpu-clock:", frame)).text());
    }

    @Test
    void annotatesKernelAndJitFrames() {
        String in = sample("java 1 1.0: cpu-clock:", "ffffffff8103ce3b native_safe_halt ([kernel.kallsyms])",
                "8c3453 tcp_sendmsg (/lib/modules/4.3.0/build/vmlinux)", "7f722d142778 Interpreter (/tmp/perf-19982.map)",
                "400 main (/bin/java)");
        assertEquals("java;main;Interpreter;tcp_sendmsg_[k];native_safe_halt_[k] 1\n", Collapse.of(in, DEFAULTS.withKernel()).text());
        assertEquals("java;main;Interpreter_[j];tcp_sendmsg;native_safe_halt 1\n", Collapse.of(in, DEFAULTS.withJit()).text());
        assertEquals("java;main;Interpreter_[j];tcp_sendmsg_[k];native_safe_halt_[k] 1\n", Collapse.of(in, DEFAULTS.withAll()).text());
    }

    @Test
    void marksInlinedFrames() {
        assertEquals("ab;outer;inner_[i] 1\n", Collapse.of(sample("ab 1 1.0: cpu-clock:", "400 outer->inner (/x)")).text());
    }

    @Test
    void skipsFramesWhoseSymbolStartsWithAParenthesis() {
        assertEquals("ab;f 1\n", Collapse.of(sample("ab 1 1.0: cpu-clock:", "0 (perf) (/x)", "400 f (/x)")).text());
    }

    @Test
    void dropsASymbolThatIsOnlyAnOffset() {
        assertEquals("ab;f 1\n", Collapse.of(sample("ab 1 1.0: cpu-clock:", "401 +0x1f (/x)", "400 f (/x)")).text());
    }

    @Test
    void skipsComments() {
        String in = "# cmdline : /usr/bin/perf record -g ./a\n#\n" + sample("ab 1 1.0: cpu-clock:", "400 f (/x)");
        assertEquals("ab;f 1\n", Collapse.of(in).text());
    }

    @Test
    void keepsTheFirstEventTypeAndWarns() {
        String in = sample("ab 1 1.0: 5 instructions:", "400 f (/x)") + sample("ab 1 1.0: 7 cycles:", "400 g (/x)");
        Collapse out = Collapse.of(in);
        assertEquals("ab;f 5\n", out.text());
        assertEquals(List.of("the input holds several event types: kept only instructions (the first), left out cycles; "
                + "choose one with --event-filter"), out.warnings());
        assertEquals("ab;g 7\n", Collapse.of(in, DEFAULTS.withEventFilter("cycles")).text());
    }

    @Test
    void warnsWhenTheChosenEventHasNoSample() {
        Collapse out = Collapse.of(sample("ab 1 1.0: 5 instructions:", "400 f (/x)"), DEFAULTS.withEventFilter("cycles"));
        assertEquals("", out.text());
        assertEquals(List.of("no sample of event cycles; the input holds instructions"), out.warnings());
    }

    @Test
    void readsEventNamesWithColons() {
        String in = sample("ab 1 1.0: 1 sched:sched_switch:", "400 f (/x)") + sample("ab 1 1.0: 1 cycles:u:", "400 g (/x)");
        assertEquals("ab;g 1\n", Collapse.of(in, DEFAULTS.withEventFilter("cycles:u")).text());
    }

    @Test
    void acceptsCrlfLineEnds() {
        String in = sample("ab 1 1.0: 2 cpu-clock:", "400 f (/x)").replace("\n", "\r\n");
        Collapse out = Collapse.of(in);
        assertEquals("ab;f 2\n", out.text());
        assertEquals(0, out.stats().invalidLines());
    }

    @Test
    void countsLinesItCannotReadWithTheFirstOne() {
        String in = sample("ab 1 1.0: cpu-clock:", "400 f (/x)") + "garbage\n" + sample("ab 1 1.0: cpu-clock:", "400 g (/x)")
                + "\tnot a frame\n";
        Collapse out = Collapse.of(in);
        assertEquals("ab;f 1\nab;g 1\n", out.text());
        assertEquals(2, out.stats().invalidLines());
        assertEquals(4, out.stats().firstInvalidLine());
        assertEquals(2, out.stats().stacks());
    }

    @Test
    void readsFramesWithoutIndentation() {
        assertEquals("java;native_write_msr_safe 1\n",
                Collapse.of("java 19983 cycles:\nffffffff8103d0ca native_write_msr_safe ([kernel.kallsyms])\n\n").text());
    }

    @Test
    void keepsASampleWithoutFrames() {
        assertEquals("ab 4\n", Collapse.of("ab 1 1.0: 4 cpu-clock:\n\n").text());
    }

    @Test
    void continuesTheOpenSampleWhenAHeaderComesWithoutABlankLine() {
        // As the Perl script does: a header left out by the event filter does not end the sample.
        String in = "ab 1 1.0: 1 cycles:\n\t400 f (/x)\nab 1 1.0: 1 instructions:\n\t400 g (/x)\n\n";
        assertEquals("ab;g;f 1\n", Collapse.of(in).text());
    }
}
