package dev.saturn.collectors.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.MountInfoReader;
import dev.saturn.collectors.proc.SelfCgroupReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A located v1 group: counters read from its files; files absent when located say so without being opened. */
class CgroupReaderTest {
    @TempDir
    Path root;

    @Test
    void aLocatedGroupReadsItsCountersAndNamesTheFilesItLacks() throws IOException {
        HostPaths paths = HostPaths.liveAt(root.resolve("proc"), root.resolve("sys"));
        write("proc/self/cgroup", "4:memory:/app\n2:cpu,cpuacct:/app\n1:pids:/\n");
        write("proc/self/mountinfo", mount(32, "cpu,cpuacct") + mount(35, "memory") + mount(39, "pids"));
        write("sys/fs/cgroup/cpu,cpuacct/app/cpuacct.usage", "5000000\n");
        write("sys/fs/cgroup/cpu,cpuacct/app/cpu.cfs_quota_us", "50000\n");
        write("sys/fs/cgroup/cpu,cpuacct/app/cpu.cfs_period_us", "100000\n");
        write("sys/fs/cgroup/memory/app/memory.usage_in_bytes", "4096\n");
        Files.createDirectories(root.resolve("sys/fs/cgroup/pids"));

        Reading<CgroupReader.CgroupFiles> files = CgroupReader.locate(paths, SelfCgroupReader.read(paths), MountInfoReader.read(paths));
        CgroupStats first = CgroupReader.read(paths, files.value());
        assertEquals("v1", first.version());
        assertEquals(5000L, first.cpuUsageUs().value());
        assertEquals(0.5, first.cpuQuotaCores().value(), 1e-9);
        assertEquals(4096L, first.memoryCurrent().value());
        assertTrue(first.pidsCurrent().reason().endsWith("pids/pids.current does not exist"), first.pidsCurrent().reason());

        write("sys/fs/cgroup/cpu,cpuacct/app/cpuacct.usage", "9000000\n");
        write("sys/fs/cgroup/pids/pids.current", "12\n");
        CgroupStats second = CgroupReader.read(paths, files.value());
        assertEquals(9000L, second.cpuUsageUs().value(), "counters are read every time");
        assertTrue(!second.pidsCurrent().isAvailable(), "a file absent when located stays absent until the group is located again");
        CgroupStats relocated = CgroupReader.read(paths,
                CgroupReader.locate(paths, SelfCgroupReader.read(paths), MountInfoReader.read(paths)).value());
        assertEquals(12L, relocated.pidsCurrent().value());
    }

    private String mount(int id, String controllers) {
        return id + " 31 0:" + id + " / " + root.resolve("sys/fs/cgroup/" + controllers) + " rw,relatime - cgroup cgroup rw," + controllers + "\n";
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
