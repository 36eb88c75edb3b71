package dev.saturn.agent.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.log.AgentLog;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DATA_DIR/profiles: each profile's flame graph (id.svg), folded stacks (id.folded), the plan and process table of
 * its moment (id.processes.json, for profiles recorded since the drill-down), and index.json
 * listing them oldest first. Kept to the last {@code keep} profiles and {@code maxBytes}: the oldest go
 * first. A file is served only when its id is in the index, so a request never names a path.
 */
public final class ProfileStore {
    static final String INDEX = "index.json";
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,120}");

    private final Path dir;
    private final int keep;
    private final long maxBytes;
    private final AgentLog log;
    private final List<StoredProfile> profiles = new ArrayList<>();
    private long version;

    public ProfileStore(Path dataDir, int keep, long maxBytes, AgentLog log) {
        this.dir = dataDir.resolve("profiles");
        this.keep = keep;
        this.maxBytes = maxBytes;
        this.log = log;
        load();
    }

    public Path directory() {
        return dir;
    }

    /** Newest first. */
    public synchronized List<StoredProfile> list() {
        List<StoredProfile> out = new ArrayList<>(profiles);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Changes with each profile added (and the oldest deleted): answers made from the list can be kept until it does. */
    public synchronized long version() {
        return version;
    }

    public List<Map<String, Object>> json() {
        return list().stream().map(StoredProfile::json).toList();
    }

    /** A free id: "TIME-REASON-KIND", with -2, -3... when taken. */
    public synchronized String newId(String base) {
        String id = base;
        for (int n = 2; find(id).isPresent() || Files.exists(dir.resolve(id + ".svg")); n++) {
            id = base + "-" + n;
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("bad profile id " + id);
        }
        return id;
    }

    /** Where to write a new profile's file before {@link #add}. */
    public Path file(String id, String extension) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(id + "." + extension);
    }

    public synchronized void add(StoredProfile p) throws IOException {
        profiles.add(p);
        version++;
        prune();
        save();
    }

    /**
     * The bytes of a listed profile's file (svg, folded, or processes.json when the index says it was written), or
     * empty for an id (or extension) the index does not have.
     */
    public Optional<byte[]> read(String id, String extension) throws IOException {
        Optional<StoredProfile> p = find(id);
        boolean known = extension.equals("svg") || extension.equals("folded")
                || extension.equals(StoredProfile.PROCESSES) && p.map(StoredProfile::processesUrl).isPresent();
        if (!known || p.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(id + "." + extension)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private synchronized Optional<StoredProfile> find(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private void prune() {
        long total = profiles.stream().mapToLong(StoredProfile::bytes).sum();
        while (profiles.size() > 1 && (profiles.size() > keep || total > maxBytes)) {
            StoredProfile old = profiles.remove(0);
            total -= old.bytes();
            delete(old);
        }
    }

    private void delete(StoredProfile p) {
        for (String ext : new String[] {"svg", "folded", StoredProfile.PROCESSES}) {
            try {
                Files.deleteIfExists(dir.resolve(p.id() + "." + ext));
            } catch (IOException e) {
                log.event("cannot delete old profile " + dir.resolve(p.id() + "." + ext) + ": " + e.getMessage());
            }
        }
    }

    private void save() throws IOException {
        Path tmp = dir.resolve(INDEX + ".tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), profiles);
        try {
            Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void load() {
        Path index = dir.resolve(INDEX);
        if (!Files.exists(index)) {
            return;
        }
        try {
            List<StoredProfile> read = Json.MAPPER.readValue(index.toFile(), new TypeReference<List<StoredProfile>>() { });
            for (StoredProfile p : read) {
                if (p != null && p.id() != null && ID.matcher(p.id()).matches() && Files.exists(dir.resolve(p.id() + ".svg"))) {
                    profiles.add(p);
                }
            }
            profiles.sort(Comparator.comparing(StoredProfile::time));
        } catch (IOException e) {
            Path aside = dir.resolve(INDEX + ".unreadable");
            log.event("profile index " + index + " is unreadable (" + e.getMessage().lines().findFirst().orElse("")
                    + "): moved to " + aside + "; its profiles are no longer listed");
            try {
                Files.move(index, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // the next save replaces it
            }
        }
    }

    /**
     * Databind for the index, made when a profile is first written or an index read: an agent that never
     * profiles does without its ~350 classes and ~4 MB of resident memory (measured when it was made).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
