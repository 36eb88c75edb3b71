package dev.saturn.agent;

import dev.saturn.agent.history.Retention;
import dev.saturn.agent.http.HttpAccess;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.trigger.TriggerConfig;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.collectors.HostPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A real agent on this host, on an ephemeral loopback port, for tests; its log lines are kept. */
public final class RunningAgent implements AutoCloseable {
    public final Agent agent;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    public RunningAgent(Path dataDir, Duration interval, String token, Clock clock) throws Exception {
        this(dataDir, interval, token, clock, TriggerConfig.disabled());
    }

    /** {@code token} non-null: written to a file beside the data directory, given as --auth-token-file would be. */
    public RunningAgent(Path dataDir, Duration interval, String token, Clock clock, TriggerConfig trigger) throws Exception {
        this(dataDir, interval, token, clock, trigger, Thresholds.defaults());
    }

    /** The same, judging the USE cells by {@code thresholds} (a config file's name.warn lines). */
    public RunningAgent(Path dataDir, Duration interval, String token, Clock clock, TriggerConfig trigger, Thresholds thresholds) throws Exception {
        AgentConfig config = new AgentConfig(interval, new InetSocketAddress("127.0.0.1", 0), dataDir, Retention.DEFAULT,
                new HttpAccess(token == null ? null : tokenFile(dataDir, token), List.of()), HostPaths.liveHost(), thresholds,
                clock, trigger);
        agent = Agent.start(config, new AgentLog(new PrintStream(logBytes, true)));
    }

    private static Path tokenFile(Path dataDir, String token) throws java.io.IOException {
        Path file = dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".token");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n");
        return file;
    }

    /** An agent reading the host through {@code paths} (--proc-root, --sys-root, --root-fs). */
    public RunningAgent(Path dataDir, Duration interval, HostPaths paths) throws Exception {
        AgentConfig config = new AgentConfig(interval, new InetSocketAddress("127.0.0.1", 0), dataDir, Retention.DEFAULT,
                null, paths, Thresholds.defaults(), Clock.systemUTC(), TriggerConfig.disabled());
        agent = Agent.start(config, new AgentLog(new PrintStream(logBytes, true)));
    }

    /** An agent reading the host through {@code paths}, leaving {@code disabled} resources out (--disable). */
    public RunningAgent(Path dataDir, Duration interval, HostPaths paths, Set<String> disabled) throws Exception {
        AgentConfig config = new AgentConfig(interval, new InetSocketAddress("127.0.0.1", 0), dataDir, Retention.DEFAULT,
                null, paths, Thresholds.defaults(), Clock.systemUTC(), TriggerConfig.disabled(), null, disabled);
        agent = Agent.start(config, new AgentLog(new PrintStream(logBytes, true)));
    }

    /** An agent with a token file and Host names as --auth-token-file and --allowed-host give them. */
    public RunningAgent(Path dataDir, Duration interval, HttpAccess access) throws Exception {
        AgentConfig config = new AgentConfig(interval, new InetSocketAddress("127.0.0.1", 0), dataDir, Retention.DEFAULT,
                access, HostPaths.liveHost(), Thresholds.defaults(), Clock.systemUTC(), TriggerConfig.disabled());
        agent = Agent.start(config, new AgentLog(new PrintStream(logBytes, true)));
    }

    public RunningAgent(Path dataDir, Duration interval, TriggerConfig trigger) throws Exception {
        this(dataDir, interval, null, Clock.systemUTC(), trigger);
    }

    public RunningAgent(Path dataDir, Duration interval) throws Exception {
        this(dataDir, interval, null, Clock.systemUTC());
    }

    public String base() {
        return "http://127.0.0.1:" + agent.address().getPort();
    }

    /** The bearer token the agent wants (--auth-token-file's, or its own in the data directory for profiles). */
    public String token() {
        return agent.http().token().value();
    }

    public int port() {
        return agent.address().getPort();
    }

    public String log() {
        synchronized (logBytes) {
            return logBytes.toString();
        }
    }

    /** Waits for {@code n} more samples than now. */
    public void awaitSamples(int n) throws InterruptedException {
        long target = agent.latest().samples() + n;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (agent.latest().samples() < target && System.nanoTime() < deadline) {
            agent.latest().awaitAfter(agent.latest().samples(), 1000);
        }
        if (agent.latest().samples() < target) {
            throw new AssertionError("agent did not sample within 30 s; log: " + log());
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}
