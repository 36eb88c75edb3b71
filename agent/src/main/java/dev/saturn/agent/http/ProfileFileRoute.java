package dev.saturn.agent.http;

import dev.saturn.agent.profile.ProfileStore;
import dev.saturn.agent.profile.StoredProfile;
import java.util.Optional;

/**
 * /api/v1/profiles/ID.svg (the flame graph), /api/v1/profiles/ID.folded (its stacks, for flamegraph.pl
 * or `saturn flamegraph`) and /api/v1/profiles/ID.processes.json (the drill-down's plan and the process table of the
 * trigger's moment): the id is looked up in the agent's own index; anything else is a 404.
 */
public final class ProfileFileRoute implements Route {
    public static final String PREFIX = StoredProfile.URL_PREFIX;
    private static final String SVG = "image/svg+xml";
    private final ProfileStore store;

    public ProfileFileRoute(ProfileStore store) {
        this.store = store;
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        String name = request.path().substring(PREFIX.length());
        int dot = name.endsWith("." + StoredProfile.PROCESSES) ? name.length() - StoredProfile.PROCESSES.length() - 1 : name.lastIndexOf('.');
        if (!request.query().isEmpty() || dot < 1) {
            return notFound();
        }
        String extension = name.substring(dot + 1);
        Optional<byte[]> body = store.read(name.substring(0, dot), extension);
        if (body.isEmpty()) {
            return notFound();
        }
        return HttpResponse.ok(extension.equals("svg") ? SVG : extension.equals(StoredProfile.PROCESSES) ? HttpResponse.JSON : HttpResponse.TEXT, body.get());
    }

    private static HttpResponse notFound() {
        return HttpResponse.text(404, "no such profile: see /api/v1/profiles for the list");
    }
}
