package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/self/cgroup: "id:controllers:path" per hierarchy ("0::/path" for v2). */
public final class SelfCgroupReader {
    private SelfCgroupReader() {
    }

    public static Reading<List<CgroupMembership>> read(HostPaths paths) {
        return paths.files().parse(ProcFile.SELF_CGROUP.in(paths), SelfCgroupReader::parse);
    }

    static List<CgroupMembership> parse(String text) {
        List<CgroupMembership> out = new ArrayList<>();
        for (String line : Tokens.lines(text)) {
            if (line.isBlank()) {
                continue;
            }
            int first = line.indexOf(':');
            int second = line.indexOf(':', first + 1);
            if (first < 0 || second < 0) {
                throw new IllegalArgumentException("line without id:controllers:path");
            }
            String controllers = line.substring(first + 1, second);
            out.add(new CgroupMembership(Integer.parseInt(line.substring(0, first)),
                    controllers.isEmpty() ? List.of() : List.of(controllers.split(",")), line.substring(second + 1)));
        }
        return List.copyOf(out);
    }
}
