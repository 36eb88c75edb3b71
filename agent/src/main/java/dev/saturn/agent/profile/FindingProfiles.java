package dev.saturn.agent.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The profiles a finding links to, in the agent's report JSON (/api/v1/use, /api/v1/history): each finding of a
 * report taken at T carries {@code profiles}, the triggered profiles of its resource that started within
 * {@link #NEAR} of T, nearest first, at most {@link #MAX}. Resources go by family, as the drill-down chooses a profile
 * for them: disk, io (PSI) and filesystem are one (an off-CPU profile of the processes doing I/O explains each),
 * memory and swap another; of the same resource, a profile of one device is not linked to another device's finding.
 * A profile recorded before the drill-down has no resource and is linked to none.
 *
 * <p>The routes that serve reports do not need the profiles' token (unless --auth-token-file guards them all): a
 * link gives the profile's id, event and URLs, which the token then opens; {@code lead}, words from the profile's
 * stacks, is given only where every route needs the token, and is otherwise in /api/v1/profiles.
 */
public final class FindingProfiles {
    public static final Duration NEAR = Duration.ofMinutes(10);
    public static final int MAX = 5;
    private final ProfileStore store;
    private final boolean withLead;

    /** @param withLead whether the report routes need the token too (then the lead may be said there) */
    public FindingProfiles(ProfileStore store, boolean withLead) {
        this.store = store;
        this.withLead = withLead;
    }

    /** Changes when the profiles do: a report's JSON made with them can be kept until then. */
    public long version() {
        return store.version();
    }

    /** Adds {@code profiles} to each finding of a report's JSON tree (UseReportJson.tree) taken at {@code at} that has some. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> attach(Map<String, Object> report, Instant at) {
        Object findings = report.get("findings");
        if (!(findings instanceof List<?> list) || list.isEmpty()) {
            return report;
        }
        List<StoredProfile> profiles = store.list();
        if (profiles.isEmpty()) {
            return report;
        }
        for (Object f : list) {
            Map<String, Object> finding = (Map<String, Object>) f;
            List<Object> links = links(profiles, (String) finding.get("resource"), (String) finding.get("device"), at);
            if (!links.isEmpty()) {
                finding.put("profiles", links);
            }
        }
        return report;
    }

    private static String family(String resource) {
        return switch (Objects.requireNonNullElse(resource, "")) {
            case "disk", "io", "filesystem" -> "io";
            case "memory", "swap" -> "memory";
            default -> Objects.requireNonNullElse(resource, "");
        };
    }

    private List<Object> links(List<StoredProfile> profiles, String resource, String device, Instant at) {
        record Near(StoredProfile p, long distance) {
        }
        List<Near> near = new ArrayList<>();
        for (StoredProfile p : profiles) {
            StoredProfile.Drill d = p.drill();
            if (d == null || !family(d.resource()).equals(family(resource))
                    || d.resource().equals(resource) && d.device() != null && device != null && !d.device().equals(device)) {
                continue;
            }
            Instant started;
            try {
                started = Instant.parse(p.time());
            } catch (DateTimeParseException e) {
                continue;
            }
            long distance = Math.abs(Duration.between(at, started).toMillis());
            if (distance <= NEAR.toMillis()) {
                near.add(new Near(p, distance));
            }
        }
        near.sort(Comparator.comparingLong(Near::distance));
        List<Object> out = new ArrayList<>();
        for (Near n : near.subList(0, Math.min(MAX, near.size()))) {
            StoredProfile p = n.p();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("started", p.time());
            m.put("url", p.svgUrl());
            m.put("processes_url", p.processesUrl());
            m.put("event", p.drill().event());
            m.put("target", p.drill().target());
            if (withLead) {
                m.put("lead", p.drill().lead());
            }
            out.add(m);
        }
        return out;
    }
}
