package dev.saturn.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.fs.FilesystemReader;
import dev.saturn.collectors.proc.CgroupMembership;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.CpuStatReader;
import dev.saturn.collectors.proc.DiskCounters;
import dev.saturn.collectors.proc.DiskStats;
import dev.saturn.collectors.proc.DiskStatsReader;
import dev.saturn.collectors.proc.InterruptsReader;
import dev.saturn.collectors.proc.FileNrReader;
import dev.saturn.collectors.proc.PidMaxReader;
import dev.saturn.collectors.proc.ThreadsMaxReader;
import dev.saturn.collectors.proc.Mount;
import dev.saturn.collectors.proc.MountInfoReader;
import dev.saturn.collectors.proc.SelfCgroupReader;
import dev.saturn.collectors.proc.NetDevCounters;
import dev.saturn.collectors.proc.NetDevReader;
import dev.saturn.collectors.proc.Pressure;
import dev.saturn.collectors.proc.PressureReader;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on the shapes the kernel really produces, and on the ones it produces when things go wrong. */
class ReadersTest {
    @TempDir
    Path tmp;

    private HostPaths tree(String relative, String content) throws Exception {
        Path file = tmp.resolve("proc").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return HostPaths.liveAt(tmp.resolve("proc"), tmp.resolve("sys"));
    }

    @Test
    void procSysValuesAreReadWhole() throws Exception {
        // Files.readAllBytes returns "3" for a pid_max of 32768: this is the reason KernelFiles.readBytes exists.
        String expected = cat("/proc/sys/kernel/pid_max");
        assertTrue(expected.length() > 1, "pid_max as the shell sees it: " + expected);
        assertEquals(Long.parseLong(expected), PidMaxReader.read(HostPaths.liveHost()).get());
        assertEquals(Long.parseLong(cat("/proc/sys/fs/file-nr").split("\\s+")[2]),
                FileNrReader.read(HostPaths.liveHost()).get().max());
    }

    private static String cat(String file) throws Exception {
        Process p = new ProcessBuilder("cat", file).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    @Test
    void procStatKeepsGuestOutOfTheTotal() throws Exception {
        CpuStat s = CpuStatReader.read(tree("stat", """
                cpu  100 5 50 800 10 3 2 7 40 1
                cpu0 50 2 25 400 5 1 1 3 20 0
                cpu1 50 3 25 400 5 2 1 4 20 1
                intr 1 2 3
                ctxt 999
                procs_running 3
                procs_blocked 1
                """)).get();
        assertEquals(100 + 5 + 50 + 800 + 10 + 3 + 2 + 7, s.total().total());
        assertEquals(100 + 5 + 50 + 3 + 2, s.total().busy());
        assertEquals(2, s.cpus().size());
        assertEquals(3L, s.procsRunning());
        assertEquals(1L, s.procsBlocked());
    }

    @Test
    void oldKernelCpuLinesWithFewerFieldsRead() throws Exception {
        CpuStat s = CpuStatReader.read(tree("stat", "cpu 1 2 3 4\ncpu0 1 2 3 4\n")).get();
        assertEquals(10, s.total().total());
    }

    @Test
    void truncatedStatIsUnavailable() throws Exception {
        Reading<CpuStat> s = CpuStatReader.read(tree("stat", "cpu  100 5"));
        assertFalse(s.isAvailable());
        assertTrue(s.reason().contains("garbled"), s.reason());
    }

    @Test
    void diskstatsAcceptsThreeLineLengthsAndRejectsOthers() throws Exception {
        DiskStats d = DiskStatsReader.read(tree("diskstats", """
                   8       0 sda 1 2 3 4 5 6 7 8 9 10 11
                   8      16 sdb 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
                 259       0 nvme0n1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17
                   8      32 sdc 1 2 3 4 5 6 7 8 9 10 11 12
                   8      48 sdd 1 2 3 x 5 6 7 8 9 10 11
                """)).get();
        for (String ok : List.of("sda", "sdb", "nvme0n1")) {
            DiskCounters c = d.devices().get(ok).get();
            assertEquals(10, c.ioTicksMs(), ok);
            assertEquals(11, c.weightedMs(), ok);
        }
        assertTrue(d.devices().get("sdc").reason().contains("15 fields"));
        assertTrue(d.devices().get("sdd").reason().contains("garbled"));
    }

    @Test
    void netDevWithoutSpaceAfterTheColon() throws Exception {
        Map<String, Reading<NetDevCounters>> m = NetDevReader.read(tree("net/dev", """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                eth0:123456789 10 1 2 3 4 0 0 987 11 5 6 7 8 9 0
                    lo: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0
                """)).get();
        NetDevCounters e = m.get("eth0").get();
        assertEquals(123456789, e.rxBytes());
        assertEquals(987, e.txBytes());
        assertEquals(9, e.txCarrier());
        assertTrue(m.get("lo").isAvailable());
    }

    @Test
    void pressureWithAndWithoutFullLine() throws Exception {
        Pressure p = PressureReader.read(KernelFiles.anew(), tree("pressure/cpu", "some avg10=1.00 avg60=0.50 avg300=0.10 total=12345\n")
                .proc("pressure/cpu")).get();
        assertEquals(12345, p.someTotalUs());
        assertNull(p.fullTotalUs());
        Reading<Pressure> absent = PressureReader.system(HostPaths.liveAt(tmp.resolve("nowhere"), tmp), "cpu");
        assertTrue(absent.reason().startsWith("no PSI"), absent.reason());
    }

    @Test
    void machineChecksSumOverCpusOrSayWhyNot() throws Exception {
        assertEquals(5, InterruptsReader.machineChecks(tree("interrupts",
                "           CPU0       CPU1\n  0:  1  2  IO-APIC timer\nMCE:          2          3   Machine check exceptions\n")).get());
        Reading<Long> none = InterruptsReader.machineChecks(tree("interrupts", "           CPU0\n  0:  1 timer\n"));
        assertTrue(none.reason().contains("no MCE row"));
    }

    @Test
    void processNamesWithSpacesAndParenthesesParse() throws Exception {
        tree("4242/stat", "4242 (my (odd) proc) R 1 4242 4242 0 -1 4194304 100 0 0 0 150 25 0 0 20 0 1 0 100 0 0\n");
        tree("4243/stat", "4243 (gone");
        List<ProcessSample> p = ProcessTableReader.read(HostPaths.snapshotTree(tmp)).get().processes();
        assertEquals(1, p.size());
        assertEquals("my (odd) proc", p.get(0).comm());
        assertEquals(175, p.get(0).cpuTicks());
        assertEquals('R', p.get(0).state());
    }

    @Test
    void mountinfoUnescapesAndKeepsOneRowPerDevice() throws Exception {
        List<Mount> mounts = MountInfoReader.read(tree("self/mountinfo", """
                22 27 0:21 / /proc rw,relatime - proc proc rw
                27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,errors=remount-ro
                28 27 254:0 /var/lib/docker /var/lib/docker rw,relatime - ext4 /dev/vda rw
                29 27 8:1 / /mnt/my\\040disk ro,relatime shared:5 - xfs /dev/sdb1 rw
                30 27 0:50 / /srv/nfs rw - nfs4 server:/export rw
                31 27 0:60 / /tmp rw - tmpfs tmpfs rw
                """)).get();
        assertEquals("/mnt/my disk", mounts.get(3).mountPoint());
        assertTrue(mounts.get(3).readOnly());
        List<Mount> real = FilesystemReader.realMounts(mounts);
        assertEquals(List.of("/", "/mnt/my disk", "/srv/nfs", "/tmp"), real.stream().map(Mount::mountPoint).toList());
    }

    @Test
    void tmpfsAndOverlayAreWatchedPseudoFilesystemsImagesAndOtherContainersAreNot() throws Exception {
        List<Mount> mounts = MountInfoReader.read(tree("self/mountinfo", """
                100 0 0:90 / / rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w
                22 100 0:21 / /proc rw,relatime - proc proc rw
                23 100 0:22 / /sys rw,relatime - sysfs sysfs rw
                24 23 0:23 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755
                25 24 0:24 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                26 100 0:5 / /dev rw - devtmpfs udev rw,size=4000k
                27 26 0:25 / /dev/pts rw - devpts devpts rw
                28 26 0:26 / /dev/shm rw - tmpfs tmpfs rw,size=65536k
                29 26 0:27 / /dev/mqueue rw - mqueue mqueue rw
                30 100 0:28 / /run rw - tmpfs tmpfs rw,size=800000k
                31 30 0:29 / /run/lock rw - tmpfs tmpfs rw,size=5120k
                32 30 0:30 / /run/credentials/getty.service ro - tmpfs tmpfs ro,size=1024k
                33 100 7:1 / /snap/core/1 ro - squashfs /dev/loop1 ro
                34 100 0:31 / /mnt/ram rw - ramfs ramfs rw
                35 100 0:32 / /var/lib/docker/overlay2/abc/merged rw - overlay overlay rw,lowerdir=/x
                36 100 0:33 / /var/lib/kubelet/pods/p/volumes/kubernetes.io~projected/token rw - tmpfs tmpfs rw
                37 100 0:34 / /home/u/.local/share/containers/storage/overlay/h/merged rw - overlay overlay rw
                38 100 0:35 / /proc/acpi ro - tmpfs tmpfs ro
                39 26 0:36 / /dev/shm rw - tmpfs tmpfs rw,size=1024k
                40 100 0:37 / /tmp rw - tmpfs tmpfs rw,size=2048k
                """)).get();
        assertEquals(List.of("/", "/run", "/run/lock", "/dev/shm", "/tmp"),
                FilesystemReader.realMounts(mounts).stream().map(Mount::mountPoint).toList(),
                "/dev/shm is the one mounted last there, the one statvfs reaches");
        assertEquals("0:36", FilesystemReader.realMounts(mounts).get(3).majorMinor());
    }

    @Test
    void aPathsDeviceNumberSplitsAsMountinfoWritesIt() throws Exception {
        String root = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" "))
                .filter(f -> f[4].equals("/")).reduce((a, b) -> b).orElseThrow()[2];
        assertEquals(root, FilesystemReader.majorMinor((Long) Files.getAttribute(Path.of("/"), "unix:dev")));
        assertEquals("259:65536", FilesystemReader.majorMinor((65536L & 0xffffff00L) << 12 | (259L & 0xfffL) << 8));
    }

    @Test
    void cgroupMembershipOfBothVersions() throws Exception {
        List<CgroupMembership> g = SelfCgroupReader.read(tree("self/cgroup",
                "12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/system.slice/x.service\n")).get();
        assertEquals(List.of("cpu", "cpuacct"), g.get(0).controllers());
        assertTrue(g.get(2).unified());
        assertEquals("/system.slice/x.service", g.get(2).path());
    }

    @Test
    void liveSnapshotReadsEveryCoreFileOnThisMachine() {
        dev.saturn.collectors.snapshot.Snapshot s;
        try (var reader = new dev.saturn.collectors.snapshot.SnapshotReader(HostPaths.liveHost(), true)) {
            s = reader.live(Reading.unavailable("not requested"));
        }
        assertTrue(s.cpu().isAvailable(), String.valueOf(s.cpu().reason()));
        assertTrue(s.meminfo().isAvailable());
        assertTrue(s.diskstats().isAvailable());
        assertTrue(s.netDev().isAvailable());
        assertTrue(s.snmp().isAvailable());
        assertTrue(s.loadAvg().isAvailable());
        assertTrue(s.processes().isAvailable());
        assertTrue(s.processes().value().processes().stream().anyMatch(p -> p.pid() == ProcessHandle.current().pid()));
        assertTrue(s.filesystems().isAvailable());
        assertFalse(s.filesystems().value().isEmpty(), "at least the root filesystem");
    }
}
