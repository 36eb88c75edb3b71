package dev.saturn.collectors.perf;

/** The events `saturn stat` counts, in perf stat's order and with perf's names. */
public enum CounterEvent {
    TASK_CLOCK("task-clock", PerfEventOpen.TYPE_SOFTWARE, 1),
    CONTEXT_SWITCHES("context-switches", PerfEventOpen.TYPE_SOFTWARE, 3),
    CPU_MIGRATIONS("cpu-migrations", PerfEventOpen.TYPE_SOFTWARE, 4),
    PAGE_FAULTS("page-faults", PerfEventOpen.TYPE_SOFTWARE, 2),
    CYCLES("cycles", PerfEventOpen.TYPE_HARDWARE, 0),
    INSTRUCTIONS("instructions", PerfEventOpen.TYPE_HARDWARE, 1);

    private final String perfName;
    private final int type;
    private final long config;

    CounterEvent(String perfName, int type, long config) {
        this.perfName = perfName;
        this.type = type;
        this.config = config;
    }

    public String perfName() {
        return perfName;
    }

    public boolean hardware() {
        return type == PerfEventOpen.TYPE_HARDWARE;
    }

    int type() {
        return type;
    }

    long config() {
        return config;
    }
}
