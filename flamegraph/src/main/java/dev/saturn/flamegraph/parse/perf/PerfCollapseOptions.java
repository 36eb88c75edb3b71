package dev.saturn.flamegraph.parse.perf;

/**
 * The options of stackcollapse-perf.pl, by the same names.
 *
 * @param pid         root frame {@code comm-PID} instead of {@code comm}
 * @param tid         root frame {@code comm-PID/TID} (wins over {@code pid})
 * @param kernel      append {@code _[k]} to kernel frames
 * @param jit         append {@code _[j]} to frames from {@code /tmp/perf-N.map}
 * @param all         both {@code kernel} and {@code jit}
 * @param addrs       name unknown symbols {@code [module <addr>]} rather than {@code [module]}
 * @param eventFilter keep samples of this event only; null or empty keeps the first event type seen
 * @param blockedStates time off CPU (scheduler switches) only of threads that left their CPU in one of these states,
 *                    sched_switch's prev_state letters ("D": uninterruptible, mostly disk I/O); null for every state
 * @param demangle    beyond the Perl script: C++ names keep the parentheses of their templates, lambdas and
 *                    {@code operator()}, and legacy Rust symbols are demangled ({@code $LT$}, {@code ::h<hash>})
 */
public record PerfCollapseOptions(boolean pid, boolean tid, boolean kernel, boolean jit, boolean all, boolean addrs,
        String eventFilter, String blockedStates, boolean demangle) {

    /** stackcollapse-perf.pl's options, every blocked state kept. */
    public PerfCollapseOptions(boolean pid, boolean tid, boolean kernel, boolean jit, boolean all, boolean addrs, String eventFilter) {
        this(pid, tid, kernel, jit, all, addrs, eventFilter, null, false);
    }

    public static PerfCollapseOptions defaults() {
        return new PerfCollapseOptions(false, false, false, false, false, false, null);
    }

    /** Whether time off CPU after a switch-out in {@code prevState} ("D", "S", "R+", "D|K") counts. */
    public boolean countsBlocked(String prevState) {
        return blockedStates == null || (!prevState.isEmpty() && blockedStates.indexOf(prevState.charAt(0)) >= 0);
    }

    public PerfCollapseOptions withBlockedStates(String states) {
        return new PerfCollapseOptions(pid, tid, kernel, jit, all, addrs, eventFilter, states, demangle);
    }

    public boolean annotateKernel() {
        return kernel || all;
    }

    public boolean annotateJit() {
        return jit || all;
    }

    public PerfCollapseOptions withPid() {
        return new PerfCollapseOptions(true, tid, kernel, jit, all, addrs, eventFilter, blockedStates, demangle);
    }

    public PerfCollapseOptions withTid() {
        return new PerfCollapseOptions(pid, true, kernel, jit, all, addrs, eventFilter, blockedStates, demangle);
    }

    public PerfCollapseOptions withKernel() {
        return new PerfCollapseOptions(pid, tid, true, jit, all, addrs, eventFilter, blockedStates, demangle);
    }

    public PerfCollapseOptions withJit() {
        return new PerfCollapseOptions(pid, tid, kernel, true, all, addrs, eventFilter, blockedStates, demangle);
    }

    public PerfCollapseOptions withAll() {
        return new PerfCollapseOptions(pid, tid, kernel, jit, true, addrs, eventFilter, blockedStates, demangle);
    }

    public PerfCollapseOptions withAddrs() {
        return new PerfCollapseOptions(pid, tid, kernel, jit, all, true, eventFilter, blockedStates, demangle);
    }

    public PerfCollapseOptions withEventFilter(String event) {
        return new PerfCollapseOptions(pid, tid, kernel, jit, all, addrs, event, blockedStates, demangle);
    }

    public PerfCollapseOptions withDemangle() {
        return new PerfCollapseOptions(pid, tid, kernel, jit, all, addrs, eventFilter, blockedStates, true);
    }
}
