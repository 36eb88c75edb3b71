package dev.saturn.cli.agent;

import dev.saturn.agent.Agent;
import dev.saturn.agent.AgentConfig;
import dev.saturn.agent.history.HistoryException;
import dev.saturn.agent.history.Retention;
import dev.saturn.agent.http.BearerToken;
import dev.saturn.agent.http.HostCheck;
import dev.saturn.agent.http.HttpAccess;
import dev.saturn.agent.http.TokenReload;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.trigger.TriggerCondition;
import dev.saturn.agent.trigger.TriggerConfig;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.PerfOption;
import dev.saturn.cli.options.CgroupOption;
import dev.saturn.cli.options.ConfigFile;
import dev.saturn.cli.options.ConfigOption;
import dev.saturn.cli.options.DataDirOption;
import dev.saturn.cli.options.DisabledResources;
import dev.saturn.cli.options.DurationConverter;
import dev.saturn.cli.options.HostRoots;
import dev.saturn.collectors.HostPaths;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Watch this host continuously: USE history, /metrics, a dashboard.",
            "",
            "Samples the USE checklist every interval, keeps a compact history and serves it over HTTP.",
            "",
            "Every --interval the agent takes a USE report (the `saturn use` table), stores it in an SQLite "
                + "history in --data-dir (about 150 bytes a sample) and keeps it for scrapes: /metrics (Prometheus "
                + "text format), /api/v1/use (the latest report as JSON), /api/v1/history?from=&to= and a dashboard "
                + "at /. A scrape never triggers a sample. Read the history with `saturn history`, also while the "
                + "agent runs. When CPU utilization stays at 90 %% for 30 s, or CPU pressure (PSI some) reaches 20 %%, "
                + "it records a 10 s profile of every CPU with perf (and of the top process with async-profiler when that "
                + "is a JVM), at most once every 10 minutes, and lists the flame graphs at /api/v1/profiles. A trigger on a "
                + "disk records the time off CPU of the processes doing the most I/O, one on memory the page faults of the "
                + "processes growing, each with the process table of that moment, linked from the finding. Logs go to "
                + "stderr, one line per event; SIGTERM stops it cleanly.",
            ""},
        footer = {"",
            "Examples:",
            "  saturn agent                     # 127.0.0.1:9273, 1 s samples, 7 days kept",
            "  saturn agent --interval 5s --retention 30d --max-size 256m",
            "  saturn agent --listen 0.0.0.0:9273 --auth-token-file /etc/saturn/token",
            "  curl -s localhost:9273/metrics | grep saturn_use_status",
            "  curl -s 'localhost:9273/api/v1/history?from=-10m&step=60' | jq .reports",
            "  saturn agent --trigger 'cpu.utilization>=80%%for1m' --profile-duration 20s",
            "  saturn agent --trigger 'disk.util_pct>=90%%for30s'   # off-CPU profile of the top I/O processes",
            "  curl -sH \"Authorization: Bearer $(sudo cat /var/lib/saturn/token)\" localhost:9273/api/v1/profiles",
            "",
            "Serving beyond loopback needs --auth-token-file (clients send",
            "Authorization: Bearer TOKEN) or an explicit --insecure. Profiles always need a token:",
            "that one, or the agent's own in DATA_DIR/token (made at first start, mode 0600).",
            "SIGHUP re-reads the token file. Details: docs/agent.md."})
public final class AgentCommand implements Callable<Integer> {
    static final Duration SHORT_RETENTION = Duration.ofHours(1);

    @Option(names = "--interval", converter = DurationConverter.class, defaultValue = "1s", paramLabel = "DURATION",
            description = "Sampling interval (default ${DEFAULT-VALUE}; at least 100ms).")
    Duration interval;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9273", paramLabel = "HOST:PORT",
            description = "Address to serve HTTP on (default ${DEFAULT-VALUE}; [::1]:9273 for IPv6, :9273 for every interface).")
    String listen;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--retention", converter = DurationConverter.class, defaultValue = "7d", paramLabel = "AGE",
            description = "Delete samples older than this (default ${DEFAULT-VALUE}; e.g. 12h, 30d, 2w; under 1h needs --allow-short-retention).")
    Duration retention;

    @Option(names = "--allow-short-retention",
            description = "Accept a --retention under one hour (without it, --retention 30s is refused as a likely typo for 30d).")
    boolean allowShortRetention;

    @Option(names = "--max-size", converter = SizeConverter.class, defaultValue = "1g", paramLabel = "SIZE",
            description = "Delete the oldest samples while the history is bigger than this (default ${DEFAULT-VALUE}; e.g. 256m).")
    long maxSize;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "Require Authorization: Bearer <the token in FILE> on every request (the file must not be readable by group or others).")
    Path tokenFile;

    @Option(names = "--insecure", description = "Serve a non-loopback --listen address without a token.")
    boolean insecure;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "Also answer requests for this Host name (repeatable; e.g. the name a proxy or Prometheus uses). "
                + "The listen address, and localhost on loopback, are always served; any other Host gets 421.")
    List<String> allowedHosts;

    @Mixin
    ConfigOption config;

    @Option(names = "--trigger", paramLabel = "CONDITION",
            description = "Record a profile when this holds (repeatable; replaces the defaults "
                + "'cpu.utilization>=90%%for30s' and 'cpu.psi_some>=20%%'), e.g. 'cpu.utilization>=80%%for1m', "
                + "'disk.util_pct>=90%%for30s' (any disk), 'memory.used_pct>=95%%'.")
    List<String> triggers;

    @Option(names = "--no-trigger", description = "Never record profiles by itself.")
    boolean noTrigger;

    @Option(names = "--processes", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Read the process table each sample: the processes under each resource in /api/v1, the history and the "
                + "dashboard (default off: it costs more CPU than the rest of a sample, docs/performance.md#the-process-walk).")
    boolean processes;

    @Option(names = "--profile-duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long a triggered profile records (default 10s).")
    Duration profileDuration;

    @Option(names = "--profile-gap", converter = DurationConverter.ZeroOrMore.class, paramLabel = "DURATION",
            description = "At most one triggered profile per this long, from the start of the last one written (default 10m; 0: no gap).")
    Duration profileGap;

    @Option(names = "--profiles-keep", paramLabel = "N",
            description = "Keep the last N triggered profiles (default 50; they also stay within a tenth of --max-size).")
    Integer profilesKeep;

    @Option(names = "--no-profile-jvm", description = "Do not attach async-profiler to a top process that is a JVM (perf only).")
    boolean noProfileJvm;

    @Option(names = "--no-ring", description = "Keep no ring of recent stacks: triggered profiles start at their trigger, "
                + "and no perf runs between triggers (as trigger.ring = false).")
    boolean noRing;

    @Mixin
    PerfOption perf;

    @Mixin
    HostRoots roots;

    @Mixin
    DisabledResources disabled;

    @Mixin
    CgroupOption cgroup;

    @Override
    public Integer call() throws Exception {
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new UserException("--interval " + interval.toMillis() + "ms is too short: the agent samples at most every 100ms");
        }
        requireMeantRetention();
        InetSocketAddress address = ListenAddress.parse(listen);
        Properties settings = ConfigFile.read(config.file());
        Thresholds thresholds = ConfigFile.thresholds(config.file(), settings);
        TriggerConfig trigger = trigger(settings);
        HttpAccess access = new HttpAccess(tokenFile(address), allowedHosts());
        Path dir = dataDir.dir();
        HostPaths paths = roots.live();
        AgentLog log = AgentLog.stderr();
        AgentConfig config = new AgentConfig(interval, address, dir, new Retention(retention, maxSize), access, paths,
                thresholds, Clock.systemDefaultZone(), trigger, cgroup.check(paths), disabled.resources(), processes);
        // SIGHUP handled before the agent starts serving: until then the JVM's default for it is to exit, and a
        // `systemctl reload` right after a start (or a test sending it once the agent serves) stopped the agent
        AgentReload reload = new AgentReload();
        boolean reloads = TokenReload.onSighup(reload);
        Agent agent;
        try {
            agent = Agent.start(config, log);
        } catch (HistoryException | BearerToken.TokenException e) {
            throw new UserException(e.getMessage());
        } catch (BindException e) {
            throw new UserException("cannot listen on " + listen + ": " + e.getMessage()
                    + " (another agent or exporter on that port? choose another with --listen)");
        } catch (IOException e) {
            throw new UserException("cannot listen on " + listen + ": " + e.getMessage());
        }
        Thread hook = new Thread(() -> {
            log.event("stopping (signal)");
            agent.close();
        }, "saturn-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        reload.started(agent);
        if (!reloads && access.tokenFile() != null) {
            log.event("SIGHUP is ignored in this process (started under nohup?): to re-read the token file, restart the agent");
        }
        agent.awaitStop();
        return 0;
    }

    /** A retention under an hour deletes history within minutes: most likely a typo (30s for 30d), so it must be asked for. */
    private void requireMeantRetention() {
        if (retention.compareTo(SHORT_RETENTION) < 0 && !allowShortRetention) {
            throw new UserException("--retention " + spelled(retention) + " keeps less than an hour of history"
                    + " (a typo for days?): give --retention 30d for days, or add --allow-short-retention to mean it");
        }
    }

    /** As typed when it was typed in one unit: 30s, 45m, 1500ms. */
    private static String spelled(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** The defaults, then the trigger.* keys of --config, then the options. */
    private TriggerConfig trigger(Properties settings) {
        TriggerConfig t = ConfigFile.trigger(config.file(), settings, TriggerConfig.defaults(maxSize / 10));
        try {
            List<TriggerCondition> conditions = triggers == null ? t.conditions() : triggers.stream().map(TriggerCondition::parse).toList();
            return new TriggerConfig(noTrigger ? List.of() : conditions,
                    profileDuration != null ? profileDuration : t.duration(), profileGap != null ? profileGap : t.minGap(),
                    profilesKeep != null ? profilesKeep : t.keep(), t.maxBytes(), t.frequency(), perf.command(), t.jvm() && !noProfileJvm,
                    noRing ? t.ring().withEnabled(false) : t.ring());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private List<String> allowedHosts() {
        try {
            return allowedHosts == null ? List.of() : allowedHosts.stream().map(HostCheck::checkName).toList();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** The --auth-token-file to use (checked now, so a bad one is said before the agent starts), or null. */
    private Path tokenFile(InetSocketAddress address) {
        if (tokenFile != null && insecure) {
            throw new UserException("--insecure and --auth-token-file contradict each other: give one");
        }
        if (tokenFile == null) {
            if (!address.getAddress().isLoopbackAddress() && !insecure) {
                throw new UserException("--listen " + listen + " is reachable from other hosts: give --auth-token-file FILE"
                        + " (clients send Authorization: Bearer TOKEN) or --insecure to serve it without authentication");
            }
            return null;
        }
        try {
            BearerToken.read(tokenFile);
            return tokenFile;
        } catch (BearerToken.TokenException e) {
            throw new UserException("--auth-token-file: " + e.getMessage());
        }
    }
}
