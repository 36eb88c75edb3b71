package dev.saturn.flamegraph.input;

import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.StackParser;
import dev.saturn.flamegraph.parse.bcc.BccParser;
import dev.saturn.flamegraph.parse.bpftrace.BpftraceParser;
import dev.saturn.flamegraph.parse.dtrace.DtraceParser;
import dev.saturn.flamegraph.parse.folded.FoldedParser;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.jfr.JfrParser;
import dev.saturn.flamegraph.parse.jstack.JstackParser;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.parse.perf.PerfScriptParser;
import dev.saturn.flamegraph.parse.pprof.PprofOptions;
import dev.saturn.flamegraph.parse.pprof.PprofParser;
import dev.saturn.flamegraph.parse.v8.CpuProfileParser;
import java.util.function.Consumer;

/** The parser of each format, so that every reader of stacks picks them the same way. */
public final class StackParsers {
    private StackParsers() {
    }

    public static StackParser of(StackFormat format, PerfCollapseOptions perf, JfrOptions jfr, Consumer<String> warnings) {
        return of(format, perf, jfr, PprofOptions.DEFAULTS, warnings);
    }

    public static StackParser of(StackFormat format, PerfCollapseOptions perf, JfrOptions jfr, PprofOptions pprof, Consumer<String> warnings) {
        return switch (format) {
            case PERF -> new PerfScriptParser(perf, warnings);
            case FOLDED -> new FoldedParser();
            case JSTACK -> new JstackParser();
            case JFR -> new JfrParser(jfr);
            case PPROF -> new PprofParser(pprof);
            case DTRACE -> new DtraceParser(DtraceParser.FrameRule.DTRACE);
            case STAP -> new DtraceParser(DtraceParser.FrameRule.STAP);
            case BPFTRACE -> new BpftraceParser();
            case BCC -> new BccParser();
            case CPUPROFILE -> new CpuProfileParser();
            case UNKNOWN -> throw new IllegalArgumentException("no parser for an unknown format");
        };
    }
}
