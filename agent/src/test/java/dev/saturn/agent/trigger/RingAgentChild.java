package dev.saturn.agent.trigger;

import dev.saturn.agent.RunningAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An agent with the ring on, in a JVM of its own, for RingTest to kill with SIGKILL: args: the data directory. */
public final class RingAgentChild {
    private RingAgentChild() {
    }

    public static void main(String[] args) throws Exception {
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=100%for1h")),
                Duration.ofSeconds(1), Duration.ZERO, 50, 100L << 20, 99, "perf", false, RingSettings.DEFAULT);
        RunningAgent agent = new RunningAgent(Path.of(args[0]), Duration.ofSeconds(1), trigger);
        System.out.println("ready " + agent.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
