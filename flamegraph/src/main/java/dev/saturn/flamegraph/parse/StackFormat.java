package dev.saturn.flamegraph.parse;

import java.util.Locale;
import java.util.Optional;

/**
 * The stack formats saturn reads, by the names `--format` takes; {@link #UNKNOWN} is what
 * {@code FormatDetector} answers when no rule matched, never a format to parse.
 */
public enum StackFormat {
    /** `perf script` text. */
    PERF,
    /** Folded stacks, `frame;frame;leaf COUNT`, including async-profiler's `collapsed` output. */
    FOLDED,
    /** Thread dumps from `jstack PID` or `jcmd PID Thread.print`. */
    JSTACK,
    /** JDK Flight Recorder recordings (.jfr). */
    JFR,
    /** pprof profiles (profile.proto, gzip'd or not), as Go's runtime/pprof and `go tool pprof` write them. */
    PPROF,
    /** Detection found no format; the caller asks for `--format`. */
    UNKNOWN;

    /** The lower-case name `--format` takes. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A `--format` value: a format's name in any case, or `collapsed` for folded. */
    public static Optional<StackFormat> fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("collapsed")) {
            return Optional.of(FOLDED);
        }
        for (StackFormat f : values()) {
            if (f != UNKNOWN && f.cliName().equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
