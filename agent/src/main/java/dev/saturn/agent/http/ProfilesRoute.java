package dev.saturn.agent.http;

import dev.saturn.report.json.UseReportJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /api/v1/profiles: the profiles the agent has recorded, newest first, as {"profiles": [...]}; each entry is
 * {@link dev.saturn.agent.profile.StoredProfile#json()}: id, time, reason, kind, pid, command, duration_s,
 * samples, url (served by {@link ProfileFileRoute}), and started and resource, which the dashboard shows; beside
 * them, "ring": the state of the ring of recent stacks (running, or why not).
 */
public final class ProfilesRoute implements Route {
    public static final String PATH = "/api/v1/profiles";
    private final Supplier<List<Map<String, Object>>> profiles;
    private final Supplier<Map<String, Object>> ring;

    public ProfilesRoute(Supplier<List<Map<String, Object>>> profiles, Supplier<Map<String, Object>> ring) {
        this.profiles = profiles;
        this.ring = ring;
    }

    /** No profiler wired in: always an empty list, and no ring. */
    public static ProfilesRoute none() {
        return new ProfilesRoute(List::of, () -> Map.of("state", "off", "reason", "triggered profiles are off"));
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        if (!request.query().isEmpty()) {
            return HttpResponse.jsonError(400, "/api/v1/profiles takes no parameters");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profiles", profiles.get());
        body.put("ring", ring.get());
        return HttpResponse.ok(HttpResponse.JSON, UseReportJson.bytes(body));
    }
}
