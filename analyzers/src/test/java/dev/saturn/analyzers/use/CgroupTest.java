package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The row of the tool's own cgroup, in v1 (a real capture of this machine) and v2 (files as the kernel writes them). */
class CgroupTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/vm-2cpu-saturn");

    @TempDir
    Path tmp;

    @Test
    void v1MemoryGroupWithoutLimitsSaysSo() throws Exception {
        UseReport r = CaptureFormulasTest.analyze(FIXTURE.resolve("load-0"), FIXTURE.resolve("load-1"));
        ResourceUse cg = CaptureFormulasTest.row(r, "cgroup", "/process_api/5114c3020c7697c0f53ddd0a040b3fbd");
        assertNotNull(cg.metrics().get("memory_bytes"));
        assertEquals(1.0, cg.metrics().get("cgroup_version"));
        assertEquals(Status.UNAVAILABLE, cg.utilization().status());
        assertTrue(cg.utilization().reason().contains("no CPU quota set"), cg.utilization().reason());
        assertTrue(cg.utilization().reason().contains("no memory limit set"), cg.utilization().reason());
        assertEquals(Status.OK, cg.errors().status(), "oom_kill 0 in memory.oom_control");
    }

    @Test
    void v1CpuQuotaIsMeasuredFromCpuacctUsage() throws Exception {
        Path before = copyWithV1Quota("load-0");
        Path after = copyWithV1Quota("load-1");
        UseReport r = CaptureFormulasTest.analyze(before, after);
        ResourceUse cg = r.resources().stream().filter(x -> x.resource().equals("cgroup")).findFirst().orElseThrow();
        double seconds = r.intervalSeconds();
        double usedCores = (read(after, "sys/fs/cgroup/cpuacct/cpuacct.usage") - read(before, "sys/fs/cgroup/cpuacct/cpuacct.usage")) / 1e9 / seconds;
        assertEquals(100 * usedCores / 0.5, cg.metrics().get("cpu_quota_used_pct"), 0.5);
        assertEquals(Status.CRIT, cg.utilization().status(), "stress-ng used more than the 0.5 CPU quota");
    }

    @Test
    void aGroupFullOfCleanCacheIsNotNearItsLimit() throws Exception {
        Path before = v2Tree("before", 0.0, Map.of("usage_usec", 0L, "nr_periods", 100L, "nr_throttled", 0L), 0);
        Path after = v2Tree("after", 2.0, Map.of("usage_usec", 100_000L, "nr_periods", 120L, "nr_throttled", 0L), 0);
        Path cg = after.resolve("sys/fs/cgroup/app.slice/demo.service");
        write(cg, "memory.current", String.valueOf(1000L * 1024 * 1024));
        write(cg, "memory.stat", "anon 52428800\nfile 995000000\nactive_file 10485760\ninactive_file " + 950L * 1024 * 1024 + "\n");
        ResourceUse row = CaptureFormulasTest.row(CaptureFormulasTest.analyze(before, after), "cgroup", "/app.slice/demo.service");
        assertEquals(100.0 * 1000 / 1024, 100.0 * row.metrics().get("memory_bytes") / row.metrics().get("memory_limit_bytes"), 1e-9,
                "usage is 98 % of the limit");
        assertEquals(100.0 * 50 / 1024, row.metrics().get("memory_limit_used_pct"), 1e-9, "the working set is 5 %");
        assertEquals(Status.OK, row.utilization().status(), "clean cache the kernel drops at once is no pressure");
    }

    @Test
    void v2MemoryHighAndMaxEventsAreSaturation() throws Exception {
        Path before = v2Tree("before", 0.0, Map.of("usage_usec", 0L, "nr_periods", 100L, "nr_throttled", 0L), 0);
        Path after = v2Tree("after", 2.0, Map.of("usage_usec", 100_000L, "nr_periods", 120L, "nr_throttled", 0L), 0);
        write(after.resolve("sys/fs/cgroup/app.slice/demo.service"), "memory.events",
                "low 0\nhigh 12\nmax 8\noom 0\noom_kill 0\noom_group_kill 0\n");
        UseReport r = CaptureFormulasTest.analyze(before, after);
        ResourceUse row = CaptureFormulasTest.row(r, "cgroup", "/app.slice/demo.service");
        assertEquals(12.0, row.metrics().get("memory_high_events"));
        assertEquals(5.0, row.metrics().get("memory_max_events"), "max went from 3 to 8");
        assertEquals("memory_psi_some_pct", row.saturation().metric(), "PSI 20 % is the worst of the saturation signals");
        assertTrue(r.findings().stream().anyMatch(f -> f.text().contains("over memory.high 12 times, at the memory limit 5 times")),
                r.findings().toString());
    }

    @Test
    void v1FailcntIsSaturationAndTheWorkingSetLeavesCacheOut() throws Exception {
        Path before = copyWithV1Quota("load-0");
        Path after = copyWithV1Quota("load-1");
        Path group = Path.of("sys/fs/cgroup/memory/process_api/5114c3020c7697c0f53ddd0a040b3fbd");
        long usage = read(after, group.resolve("memory.usage_in_bytes").toString());
        for (Path side : new Path[] {before, after}) {
            Files.writeString(side.resolve(group).resolve("memory.limit_in_bytes"), String.valueOf(usage + 4096));
        }
        Files.writeString(before.resolve(group).resolve("memory.failcnt"), "10\n");
        Files.writeString(after.resolve(group).resolve("memory.failcnt"), "17\n");
        ResourceUse row = CaptureFormulasTest.row(CaptureFormulasTest.analyze(before, after), "cgroup", "/process_api/5114c3020c7697c0f53ddd0a040b3fbd");
        long inactive = 47886336;
        assertEquals((double) usage - inactive, row.metrics().get("memory_working_set_bytes"), "usage_in_bytes less total_inactive_file");
        assertEquals(100.0 * (usage - inactive) / (usage + 4096), row.metrics().get("memory_limit_used_pct"), 1e-9);
        assertEquals(7.0, row.metrics().get("memory_max_events"));
        assertEquals("memory_limit_events", row.saturation().metric(), "no CFS periods in this capture: the limit hits are the signal");
        assertEquals(7.0, row.saturation().value());
        assertEquals(Status.WARN, row.saturation().status());
    }

    @Test
    void anOldCgroupOomKillSaysSinceTheGroupWasCreated() throws Exception {
        Path before = v2Tree("before", 0.0, Map.of("usage_usec", 0L, "nr_periods", 100L, "nr_throttled", 0L), 2);
        Path after = v2Tree("after", 2.0, Map.of("usage_usec", 100_000L, "nr_periods", 120L, "nr_throttled", 0L), 2);
        Cell errors = CaptureFormulasTest.row(CaptureFormulasTest.analyze(before, after), "cgroup", "/app.slice/demo.service").errors();
        assertEquals(Status.WARN, errors.status());
        assertEquals(2.0, errors.value());
        assertTrue(errors.reason().endsWith("since the cgroup was created, none during the interval"), errors.reason());
    }

    @Test
    void v2LimitsThrottlingAndOomKills() throws Exception {
        Path before = v2Tree("before", 0.0, Map.of("usage_usec", 10_000_000L, "nr_periods", 100L, "nr_throttled", 10L), 0);
        double t = 2.0;
        Path after = v2Tree("after", t, Map.of("usage_usec", 10_000_000L + 3_000_000L, "nr_periods", 120L, "nr_throttled", 20L), 1);
        UseReport r = CaptureFormulasTest.analyze(before, after);
        ResourceUse cg = CaptureFormulasTest.row(r, "cgroup", "/app.slice/demo.service");
        assertEquals(1.5, cg.metrics().get("cpu_cores_used"), 1e-9);
        assertEquals(75.0, cg.metrics().get("cpu_quota_used_pct"), 1e-9);
        assertEquals(900.0 * 1024 * 1024, cg.metrics().get("memory_bytes"), "raw usage, kept as a figure");
        assertEquals(800.0 * 1024 * 1024, cg.metrics().get("memory_working_set_bytes"), "usage less inactive_file");
        assertEquals(100.0 * 800 / 1024, cg.metrics().get("memory_limit_used_pct"), 1e-9);
        assertEquals(100.0 * 800 / 1024, cg.utilization().value(), 1e-9);
        assertEquals(Status.WARN, cg.utilization().status());
        assertEquals(50.0, cg.saturation().value(), 1e-9);
        assertEquals(Status.CRIT, cg.saturation().status());
        assertEquals(100.0 * 400_000 / (t * 1e6), cg.metrics().get("memory_psi_some_pct"), 1e-9);
        assertEquals(1.0, cg.errors().value());
        assertEquals(Status.CRIT, cg.errors().status());
        assertTrue(r.findings().stream().anyMatch(f -> f.text().startsWith("cgroup /app.slice/demo.service (v2): CPU 75% of quota")),
                r.findings().toString());
    }

    private Path v2Tree(String name, double at, Map<String, Long> cpuStat, long oomKills) throws Exception {
        Path dir = tmp.resolve(name);
        write(dir, "TIMESTAMP", String.valueOf(1_000_000 + at));
        write(dir, "proc/self/cgroup", "0::/app.slice/demo.service\n");
        write(dir, "proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
        Path cg = dir.resolve("sys/fs/cgroup/app.slice/demo.service");
        write(cg, "cgroup.controllers", "cpu io memory pids\n");
        write(cg, "cpu.stat", "usage_usec " + cpuStat.get("usage_usec") + "\nuser_usec 1\nsystem_usec 1\nnr_periods "
                + cpuStat.get("nr_periods") + "\nnr_throttled " + cpuStat.get("nr_throttled") + "\nthrottled_usec 5\n");
        write(cg, "cpu.max", "200000 100000\n");
        write(cg, "memory.current", String.valueOf(900L * 1024 * 1024));
        write(cg, "memory.max", String.valueOf(1024L * 1024 * 1024));
        write(cg, "memory.events", "low 0\nhigh 0\nmax 3\noom " + oomKills + "\noom_kill " + oomKills + "\noom_group_kill 0\n");
        write(cg, "memory.stat", "anon 734003200\nfile 209715200\nactive_file 104857600\ninactive_file " + 100L * 1024 * 1024 + "\n");
        long some = at == 0 ? 1_000_000 : 1_400_000;
        write(cg, "memory.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=" + some
                + "\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        write(cg, "pids.current", "12\n");
        write(cg, "pids.max", "max\n");
        write(cg, "pids.events", "max 0\n");
        return dir;
    }

    private Path copyWithV1Quota(String name) throws Exception {
        Path to = tmp.resolve(name);
        try (var s = Files.walk(FIXTURE.resolve(name))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(FIXTURE.resolve(name).relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.writeString(to.resolve("sys/fs/cgroup/cpu/cpu.cfs_quota_us"), "50000\n");
        Files.writeString(to.resolve("sys/fs/cgroup/cpu/cpu.cfs_period_us"), "100000\n");
        return to;
    }

    private static long read(Path dir, String relative) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve(relative)).trim());
    }

    private static void write(Path dir, String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
