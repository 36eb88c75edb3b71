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

    @Test
    void anIndexFromBeforeTheDrillDownStillLoadsAndItsProfilesLinkToNoFinding() throws Exception {
        Path dir = Files.createDirectories(data.resolve("profiles"));
        String id = "20261127T031500Z-cpu-utilization-system";
        Files.writeString(dir.resolve(id + ".svg"), "<svg/>");
        Files.writeString(dir.resolve(id + ".folded"), "java;Work.spin 1\n");
        // an entry as the agent wrote it before the drill-down: no "drill"
        Files.writeString(dir.resolve("index.json"), "[{\"id\":\"" + id + "\",\"time\":\"2026-11-27T03:15:00Z\",\"reason\":\"cpu.utilization 97%\","
                + "\"kind\":\"system\",\"pid\":null,\"command\":null,\"durationSeconds\":10.0,\"samples\":100,\"bytes\":20}]");
        ProfileStore store = new ProfileStore(data, 50, 1L << 30, log);
        assertEquals(List.of(id), store.list().stream().map(StoredProfile::id).toList(), logged.toString());
        java.util.Map<String, Object> json = store.json().get(0);
        assertEquals("every CPU (perf)", json.get("resource"));
        for (String absent : List.of("subject", "event", "why", "lead", "processes_url")) {
            assertTrue(json.containsKey(absent) && json.get(absent) == null, absent + " is null: " + json);
        }
        assertTrue(store.read(id, StoredProfile.PROCESSES).isEmpty(), "no process table was written for it");
        java.util.Map<String, Object> report = new java.util.LinkedHashMap<>();
        java.util.Map<String, Object> finding = new java.util.LinkedHashMap<>();
        finding.put("resource", "cpu");
        finding.put("device", null);
        report.put("findings", List.of(finding));
        new FindingProfiles(store, true).attach(report, java.time.Instant.parse("2026-11-27T03:15:05Z"));
        assertFalse(finding.containsKey("profiles"), "an old profile has no resource to link by: " + finding);
    }

    @Test
    void aFindingLinksTheProfilesOfItsResourceFamilyAndDeviceWithinTenMinutes() throws Exception {
        ProfileStore store = new ProfileStore(data, 50, 1L << 30, log);
        drilled(store, "20261127T030000Z-disk-util-pct-offcpu", "2026-11-27T03:00:00Z", "disk", "vda");
        drilled(store, "20261127T031000Z-disk-util-pct-offcpu", "2026-11-27T03:10:00Z", "disk", "vdb");
        drilled(store, "20261127T031400Z-memory-used-pct-page-faults", "2026-11-27T03:14:00Z", "memory", null);
        drilled(store, "20261127T031600Z-disk-util-pct-offcpu", "2026-11-27T03:16:00Z", "disk", "vda");
        assertTrue(store.read("20261127T031600Z-disk-util-pct-offcpu", StoredProfile.PROCESSES).isPresent());
        java.util.Map<String, Object> vda = new java.util.LinkedHashMap<>(java.util.Map.of("resource", "disk", "device", "vda"));
        java.util.Map<String, Object> memory = new java.util.LinkedHashMap<>();
        memory.put("resource", "memory");
        memory.put("device", null);
        java.util.Map<String, Object> io = new java.util.LinkedHashMap<>();
        io.put("resource", "io");
        io.put("device", null);
        java.util.Map<String, Object> cpu = new java.util.LinkedHashMap<>();
        cpu.put("resource", "cpu");
        cpu.put("device", null);
        java.util.Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("findings", List.of(vda, memory, io, cpu));
        new FindingProfiles(store, false).attach(report, java.time.Instant.parse("2026-11-27T03:15:00Z"));
        assertFalse(cpu.containsKey("profiles"), cpu.toString());
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> pressure = (List<java.util.Map<String, Object>>) io.get("profiles");
        assertEquals(List.of("20261127T031600Z-disk-util-pct-offcpu", "20261127T031000Z-disk-util-pct-offcpu"),
                pressure.stream().map(l -> l.get("id")).toList(), "I/O pressure links the disks' profiles, nearest first");
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> links = (List<java.util.Map<String, Object>>) vda.get("profiles");
        // vda's profile of 03:00 is 15 minutes away, vdb's is another disk's
        assertEquals(List.of("20261127T031600Z-disk-util-pct-offcpu"), links.stream().map(l -> l.get("id")).toList());
        assertEquals("/api/v1/profiles/20261127T031600Z-disk-util-pct-offcpu.processes.json", links.get(0).get("processes_url"));
        assertEquals("offcpu", links.get(0).get("event"));
        assertFalse(links.get(0).containsKey("lead"), "not on routes open without the token");
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> mem = (List<java.util.Map<String, Object>>) memory.get("profiles");
        assertEquals("20261127T031400Z-memory-used-pct-page-faults", mem.get(0).get("id"));
    }

    static void drilled(ProfileStore store, String base, String time, String resource, String device) throws Exception {
        ProfileStacks stacks = new ProfileStacks();
        stacks.accept("load;main;__libc_pwrite;io_schedule", 80);
        String id = store.newId(base);
        long bytes = stacks.write(store.file(id, "svg"), store.file(id, "folded"), SvgOptions.defaults());
        Files.writeString(store.file(id, StoredProfile.PROCESSES), "{}");
        String event = base.substring(base.lastIndexOf("-pct-") + 5);
        store.add(new StoredProfile(id, time, "test", "processes", 42L, "load", 2, 80, bytes + 2, null, null, null,
                new StoredProfile.Drill(resource, device, event, "process 42 load", resource + ": test", stacks.lead(null).orElseThrow().text(), true)));
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
