package dev.saturn.analyzers.use;

import java.util.List;
import java.util.function.Function;

/** Every resource analyzer, once, in the order of the checklist's rows. */
public final class ResourceAnalyzers {
    static final List<ResourceAnalyzer> ALL = List.of(
            one("cpu", CpuUse::analyze),
            one("memory", MemoryUse::analyze),
            each("disk", DiskUse::analyze),
            one("io", IoPressureUse::analyze),
            each("network", NetworkUse::analyze),
            one("softnet", SoftnetUse::analyze),
            one("tcp", TcpUse::analyze),
            one("udp", UdpUse::analyze),
            each("filesystem", FilesystemUse::analyze),
            one("file_descriptors", KernelTablesUse::fileDescriptors),
            one("tasks", KernelTablesUse::tasks),
            one("cgroup", CgroupUse::analyze),
            one("interconnect", InterconnectUse::analyze));

    private ResourceAnalyzers() {
    }

    /** The resources' names, in order: what --disable accepts. */
    public static List<String> names() {
        return ALL.stream().map(ResourceAnalyzer::resource).toList();
    }

    private record Named(String resource, Function<Context, List<ResourceUse>> analysis) implements ResourceAnalyzer {
        @Override
        public List<ResourceUse> rows(Context c) {
            return analysis.apply(c);
        }
    }

    private static ResourceAnalyzer one(String resource, Function<Context, ResourceUse> row) {
        return new Named(resource, c -> List.of(row.apply(c)));
    }

    private static ResourceAnalyzer each(String resource, Function<Context, List<ResourceUse>> rows) {
        return new Named(resource, rows);
    }
}
