package dev.saturn.agent;

import dev.saturn.agent.history.Retention;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.collectors.HostPaths;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The agent as its own process, for tests that kill it: {@code AgentChild DATA_DIR INTERVAL_MS}. */
public final class AgentChild {
    private AgentChild() {
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config = new AgentConfig(Duration.ofMillis(Long.parseLong(args[1])), new InetSocketAddress("127.0.0.1", 0),
                Path.of(args[0]), Retention.DEFAULT, null, HostPaths.liveHost(), Thresholds.defaults(), Clock.systemUTC());
        Agent agent = Agent.start(config, AgentLog.stderr());
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close));
        agent.awaitStop();
    }
}
