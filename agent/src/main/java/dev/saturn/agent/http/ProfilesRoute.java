package dev.saturn.agent.http;

import dev.saturn.report.json.UseReportJson;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /api/v1/profiles: the profiles the agent has recorded, newest first, as {"profiles": [...]}; each entry is
 * {@link dev.saturn.agent.profile.StoredProfile#json()}: id, time, reason, kind, pid, command, duration_s,
 * samples, url (served by {@link ProfileFileRoute}), and started and resource, which the dashboard shows.
 */
public final class ProfilesRoute implements Route {
    public static final String PATH = "/api/v1/profiles";
    private final Supplier<List<Map<String, Object>>> profiles;

    public ProfilesRoute(Supplier<List<Map<String, Object>>> profiles) {
        this.profiles = profiles;
    }

    /** No profiler wired in: always an empty list. */
    public static ProfilesRoute none() {
        return new ProfilesRoute(List::of);
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        if (!request.query().isEmpty()) {
            return HttpResponse.jsonError(400, "/api/v1/profiles takes no parameters");
        }
        return HttpResponse.ok(HttpResponse.JSON, UseReportJson.bytes(Map.of("profiles", profiles.get())));
    }
}
