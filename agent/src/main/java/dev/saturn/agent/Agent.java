package dev.saturn.agent;

import dev.saturn.agent.history.DiskBudget;
import dev.saturn.agent.history.HistoryDatabase;
import dev.saturn.agent.history.HistoryException;
import dev.saturn.agent.history.HistoryRecorder;
import dev.saturn.agent.http.AgentHttpServer;
import dev.saturn.agent.http.BearerToken;
import dev.saturn.agent.http.HostCheck;
import dev.saturn.agent.http.HttpWarmUp;
import dev.saturn.agent.http.ProfileFileRoute;
import dev.saturn.agent.http.ProfilesRoute;
import dev.saturn.agent.http.UseRoutes;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.profile.FindingProfiles;
import dev.saturn.agent.profile.ProfileStore;
import dev.saturn.agent.schedule.AgentLoop;
import dev.saturn.agent.schedule.LatestReport;
import dev.saturn.agent.schedule.UseSampler;
import dev.saturn.agent.trigger.TriggeredProfiler;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A running agent: the sampling thread, the history and the HTTP server. {@link #close} is the
 * graceful stop (SIGTERM): the sampler stops, the last sample is written, the WAL is checkpointed.
 */
public final class Agent implements AutoCloseable {
    private final AgentConfig config;
    private final AgentLog log;
    private final LatestReport latest = new LatestReport();
    private final UseSampler sampler;
    private final HistoryRecorder history;
    private final AgentHttpServer http;
    private final AgentLoop loop;
    private final Thread thread;
    private final List<Consumer<UseReport>> listeners = new CopyOnWriteArrayList<>();
    private final TriggeredProfiler profiler;
    /**
     * Scrapes run at start so C1 compiles the HTTP path (-Dsaturn.agent.warmup=0 turns it off, with the sampler's): the
     * interpreter asks for a compile every 128 calls only, so 200 calls pass C1's threshold of 200 at the 256th call,
     * a minute of scrapes later; 300 pass it during the warm-up.
     */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("saturn.agent.warmup", 300);
    private boolean warmUpStarted;

    private Agent(AgentConfig config, AgentLog log) throws HistoryException, IOException {
        this.config = config;
        this.log = log;
        long profileBytes = DiskBudget.profileShare(config.retention().maxBytes(), config.trigger().maxBytes());
        this.history = HistoryRecorder.start(config.dataDir(), config.retention(),
                DiskBudget.of(config.retention().maxBytes(), profileBytes), log);
        try {
            BearerToken token = config.access().tokenFile() != null ? BearerToken.configured(config.access().tokenFile())
                    : BearerToken.ofDataDir(config.dataDir());
            HostCheck hosts = HostCheck.forListen(config.listen().getAddress(), config.access().allowedHosts());
            this.http = new AgentHttpServer(config.listen(), token, hosts, log);
        } catch (IOException e) {
            history.close();
            throw e;
        }
        this.sampler = new UseSampler(config.paths(), new UseAnalyzer(config.thresholds(), config.disabledResources()), config.interval(), config.cgroup(),
                config.processes());
        ProfileStore profiles = new ProfileStore(config.dataDir(), config.trigger().keep(), profileBytes, log);
        UseRoutes.register(http, latest, history, config.dataDir(), config.clock(), new FindingProfiles(profiles, http.token().everywhere()));
        this.profiler = config.trigger().enabled() ? new TriggeredProfiler(config.trigger(), profiles, config.clock(), log) : null;
        http.route(ProfilesRoute.PATH, new ProfilesRoute(profiles::json, profiler != null ? profiler::ringJson
                : () -> TriggeredProfiler.ringJson(null, config.trigger().ring())));
        http.prefixRoute(ProfileFileRoute.PREFIX, new ProfileFileRoute(profiles));
        http.guard(ProfilesRoute.PATH);
        if (profiler != null) {
            listeners.add(profiler);
        }
        listeners.add(this::warmUpScrapes);
        this.loop = new AgentLoop(sampler, config.clock(), latest, history, log, this::notifyListeners);
        this.thread = new Thread(loop, "saturn-sampler");
    }

    /**
     * Calls {@code listener} on the sampling thread after each report is published and stored (for
     * triggered profiling and the like): it must return quickly and not throw.
     */
    public void onSample(Consumer<UseReport> listener) {
        listeners.add(listener);
    }

    /** Once, on the first report: the scrape path's warm-up on a thread of its own, so sampling keeps its beat. */
    private void warmUpScrapes(UseReport first) {
        if (warmUpStarted || WARM_UP_ROUNDS <= 0) {
            return;
        }
        warmUpStarted = true;
        String token = http.token().everywhere() ? http.token().value() : null;
        Thread t = new Thread(() -> HttpWarmUp.run(first, latest.snapshot(), http.address(), token, WARM_UP_ROUNDS), "saturn-warmup");
        t.setDaemon(true);
        t.start();
    }

    private void notifyListeners(UseReport report) {
        for (Consumer<UseReport> l : listeners) {
            try {
                l.accept(report);
            } catch (RuntimeException e) {
                log.event("sample listener failed: " + e);
            }
        }
    }

    public static Agent start(AgentConfig config, AgentLog log) throws HistoryException, IOException {
        Agent agent = new Agent(config, log);
        agent.http.start();
        agent.thread.start();
        log.event("sampling every " + config.interval().toMillis() + " ms; history in " + HistoryDatabase.file(config.dataDir())
                + "; serving http://" + host(agent.address()) + "/ (" + (agent.http.token().everywhere() ? "bearer token required"
                : "profiles need the token in " + agent.http.token().file()) + "; Host: " + String.join(", ", agent.http.hosts().names()) + ")");
        if (agent.http.token().unwritten() != null) {
            log.event("token: " + agent.http.token().unwritten() + ": the profile routes refuse every request until it can be"
                    + " written (tried again at a profile request, at most every 10 s)");
        }
        if (agent.profiler != null) {
            log.event("triggered profiles: " + agent.profiler.describe());
            agent.profiler.checkTools();
        }
        return agent;
    }

    /** SIGHUP: reads the token file again; a file that cannot be used keeps the token in use, said in one line. */
    public void reloadToken() {
        try {
            http.token().reload();
            log.event("token re-read from " + http.token().file());
        } catch (BearerToken.TokenException e) {
            log.event(e.getMessage() + ": the token in use is kept");
        }
    }

    public InetSocketAddress address() {
        return http.address();
    }

    public LatestReport latest() {
        return latest;
    }

    public HistoryRecorder history() {
        return history;
    }

    /** For routes added by later features (the dashboard, triggered profiles): register before traffic matters. */
    public AgentHttpServer http() {
        return http;
    }

    public AgentConfig config() {
        return config;
    }

    public void awaitStop() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() {
        loop.stop();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (profiler != null) {
            profiler.close();
        }
        http.close();
        history.close();
        sampler.close();
        log.event("stopped after " + latest.samples() + " samples; history closed");
    }

    private static String host(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
