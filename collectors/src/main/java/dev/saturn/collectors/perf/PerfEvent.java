package dev.saturn.collectors.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What perf records for a profile, and what a folded stack's count then is. cpu samples at a frequency; offcpu
 * records every scheduler switch of the target (the tracepoint sched:sched_switch, with its stack) and, for one
 * process, perf's own switch records, whose "switch in" ends each blocked interval; wall adds cpu-clock samples of
 * a fixed period to offcpu, so that both are time; the fault events record every fault with its stack.
 */
public enum PerfEvent {
    CPU("cpu", "samples"),
    OFFCPU("offcpu", "us"),
    WALL("wall", "us"),
    PAGE_FAULTS("page-faults", "page faults"),
    MAJOR_FAULTS("major-faults", "major faults");

    /** The scheduler's switch tracepoint, in perf's spelling and under tracefs's events/ directory. */
    public static final String SCHED_SWITCH = "sched:sched_switch";

    private final String cliName;
    private final String countName;

    PerfEvent(String cliName, String countName) {
        this.cliName = cliName;
        this.countName = countName;
    }

    public String cliName() {
        return cliName;
    }

    /** What a stack's count is: samples, us (microseconds), or faults. */
    public String countName() {
        return countName;
    }

    /** The stacks come from pairing scheduler switches (offcpu, wall), rather than one sample per count. */
    public boolean pairsSwitches() {
        return this == OFFCPU || this == WALL;
    }

    /** The tracepoint this event needs, which tracefs and the kernel must have. */
    public Optional<String> tracepoint() {
        return pairsSwitches() ? Optional.of(SCHED_SWITCH) : Optional.empty();
    }

    /** cpu-clock's period for wall's on-CPU samples: the frequency as nanoseconds between samples. */
    public static long periodNanos(int frequency) {
        return 1_000_000_000L / frequency;
    }

    /** The arguments of perf record that choose the events; the caller adds -o, -p or -a. */
    List<String> recordArguments(int frequency, boolean systemWide) {
        List<String> args = new ArrayList<>(List.of("-g"));
        switch (this) {
            case CPU -> args.addAll(List.of("-F", Integer.toString(frequency), "-e", PerfRecorder.event()));
            case OFFCPU -> args.addAll(List.of("-e", SCHED_SWITCH));
            case WALL -> args.addAll(List.of("-e", "cpu-clock/period=" + periodNanos(frequency) + "/", "-e", SCHED_SWITCH));
            case PAGE_FAULTS -> args.addAll(List.of("-e", "page-faults", "-c", "1"));
            case MAJOR_FAULTS -> args.addAll(List.of("-e", "major-faults", "-c", "1"));
        }
        if (pairsSwitches() && !systemWide) {
            // For one process the tracepoint fires only as its threads leave a CPU; perf's switch records add their return.
            args.add("--switch-events");
        }
        return args;
    }

    /** The arguments of perf script after -i FILE. */
    List<String> scriptArguments() {
        if (pairsSwitches()) {
            // fields per event type: "trace" in one list for all would drop the stacks of the cpu-clock samples
            return List.of("-F", "trace:comm,pid,tid,time,period,event,trace,ip,sym,dso",
                    "-F", "sw:comm,pid,tid,time,period,event,ip,sym,dso", "--show-switch-events");
        }
        return List.of("-F", "comm,pid,tid,time,event,ip,sym,dso");
    }

    public static Optional<PerfEvent> fromName(String name) {
        for (PerfEvent e : values()) {
            if (e.cliName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
