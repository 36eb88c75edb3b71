package dev.saturn.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.log.AgentLog;
import dev.saturn.flamegraph.svg.SvgOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiles directory: the last K kept within a size, the index survives a restart, only indexed ids are read. */
class ProfileStoreTest {
    @TempDir
    Path data;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final AgentLog log = new AgentLog(new PrintStream(logged, true));

    @Test
    void keepsTheLastProfilesAndDeletesTheFilesOfOlderOnes() throws Exception {
        ProfileStore store = new ProfileStore(data, 3, 1L << 30, log);
        for (int i = 0; i < 5; i++) {
            add(store, "2026112" + i + "T000000Z-cpu-utilization-system");
        }
        assertEquals(List.of("20261124T000000Z-cpu-utilization-system", "20261123T000000Z-cpu-utilization-system",
                "20261122T000000Z-cpu-utilization-system"), store.list().stream().map(StoredProfile::id).toList());
        assertFalse(Files.exists(data.resolve("profiles/20261120T000000Z-cpu-utilization-system.svg")));
        assertFalse(Files.exists(data.resolve("profiles/20261121T000000Z-cpu-utilization-system.folded")));
        assertTrue(store.read("20261120T000000Z-cpu-utilization-system", "svg").isEmpty());

        ProfileStore again = new ProfileStore(data, 3, 1L << 30, log);
        assertEquals(store.list(), again.list(), "the index is read back after a restart");
        assertTrue(new String(again.read("20261124T000000Z-cpu-utilization-system", "folded").orElseThrow()).contains("Work.spin 80"));
        assertTrue(again.read("index", "json").isEmpty());
        assertTrue(again.read("../profiles/20261124T000000Z-cpu-utilization-system", "svg").isEmpty());
    }

    @Test
    void staysWithinItsShareOfTheDiskAndMovesAnUnreadableIndexAside() throws Exception {
        ProfileStore probe = new ProfileStore(data.resolve("probe"), 50, 1L << 30, log);
        long one = add(probe, "a").bytes();
        ProfileStore store = new ProfileStore(data, 50, 2 * one + one / 2, log);
        for (int i = 0; i < 4; i++) {
            add(store, "2026112" + i + "T000000Z-x");
        }
        assertEquals(2, store.list().size(), "two profiles fit in 2.5 profiles' bytes");
        assertEquals("20261123T000000Z-x-2", store.newId("20261123T000000Z-x"), "a taken id gets a suffix");

        Files.writeString(data.resolve("profiles/index.json"), "{ not json");
        ProfileStore broken = new ProfileStore(data, 50, 1L << 30, log);
        assertTrue(broken.list().isEmpty());
        assertTrue(Files.exists(data.resolve("profiles/index.json.unreadable")));
        assertTrue(logged.toString().contains("is unreadable"), logged.toString());
    }

    static StoredProfile add(ProfileStore store, String base) throws Exception {
        ProfileStacks stacks = new ProfileStacks();
        stacks.accept("java;Main.main;Work.spin", 80);
        stacks.accept("java;Main.main;Work.sleep", 20);
        String id = store.newId(base);
        long bytes = stacks.write(store.file(id, "svg"), store.file(id, "folded"), SvgOptions.defaults());
        StoredProfile p = new StoredProfile(id, base.substring(0, Math.min(base.length(), 16)), "test", "system", null, null, 1, 100, bytes);
        store.add(p);
        return p;
    }
}
