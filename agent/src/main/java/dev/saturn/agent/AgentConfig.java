package dev.saturn.agent;

import dev.saturn.agent.history.Retention;
import dev.saturn.agent.http.HttpAccess;
import dev.saturn.agent.trigger.TriggerConfig;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.collectors.HostPaths;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * What `saturn agent` was asked to do; {@code access}: the token file and Host names (null: the defaults); {@code trigger}
 * says when the agent records a profile by itself; {@code cgroup} null means the agent's own group;
 * {@code disabledResources} are left out of every report (--disable).
 */
public record AgentConfig(Duration interval, InetSocketAddress listen, Path dataDir, Retention retention,
                          HttpAccess access, HostPaths paths, Thresholds thresholds, Clock clock, TriggerConfig trigger,
                          String cgroup, Set<String> disabledResources, boolean processes) {

    public AgentConfig {
        access = access == null ? HttpAccess.DEFAULT : access;
        disabledResources = Set.copyOf(disabledResources);
    }

    /** Reading the process table each sample, for the processes behind each resource. */
    public AgentConfig(Duration interval, InetSocketAddress listen, Path dataDir, Retention retention,
                       HttpAccess access, HostPaths paths, Thresholds thresholds, Clock clock, TriggerConfig trigger,
                       String cgroup, Set<String> disabledResources) {
        this(interval, listen, dataDir, retention, access, paths, thresholds, clock, trigger, cgroup, disabledResources, true);
    }

    public AgentConfig(Duration interval, InetSocketAddress listen, Path dataDir, Retention retention,
                       HttpAccess access, HostPaths paths, Thresholds thresholds, Clock clock, TriggerConfig trigger,
                       String cgroup) {
        this(interval, listen, dataDir, retention, access, paths, thresholds, clock, trigger, cgroup, Set.of());
    }

    public AgentConfig(Duration interval, InetSocketAddress listen, Path dataDir, Retention retention,
                       HttpAccess access, HostPaths paths, Thresholds thresholds, Clock clock, TriggerConfig trigger) {
        this(interval, listen, dataDir, retention, access, paths, thresholds, clock, trigger, null);
    }

    /** Without triggered profiles (profiles already in the data directory are still served). */
    public AgentConfig(Duration interval, InetSocketAddress listen, Path dataDir, Retention retention,
                       HttpAccess access, HostPaths paths, Thresholds thresholds, Clock clock) {
        this(interval, listen, dataDir, retention, access, paths, thresholds, clock, TriggerConfig.disabled());
    }

    /** Where history goes when --data-dir is not given: /var/lib/saturn for root, else $XDG_DATA_HOME/saturn or ~/.local/share/saturn. */
    public static Path defaultDataDir() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/saturn");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "saturn");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "saturn");
    }
}
