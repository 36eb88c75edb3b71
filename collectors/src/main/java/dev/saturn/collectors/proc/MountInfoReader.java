package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads /proc/self/mountinfo, or the mount table whose file systems are measured ({@link HostPaths#filesystemTable}). */
public final class MountInfoReader {
    private MountInfoReader() {
    }

    public static Reading<List<Mount>> read(HostPaths paths) {
        return paths.files().parse(ProcFile.SELF_MOUNTINFO.in(paths), MountInfoReader::parse);
    }

    /** The table of the file systems to measure: {@code own} when it is the same file as self/mountinfo. */
    public static Reading<List<Mount>> filesystemTable(HostPaths paths, Reading<List<Mount>> own) {
        java.nio.file.Path table = paths.filesystemTable();
        return table.equals(ProcFile.SELF_MOUNTINFO.in(paths)) ? own : paths.files().parse(table, MountInfoReader::parse);
    }

    static List<Mount> parse(String text) {
        List<Mount> out = new ArrayList<>();
        for (String line : Tokens.lines(text)) {
            String[] f = Tokens.split(line);
            if (f.length < 7) {
                continue;
            }
            int dash = Arrays.asList(f).indexOf("-");
            if (dash < 6 || dash + 3 > f.length) {
                continue;
            }
            out.add(new Mount(f[2], unescape(f[3]), unescape(f[4]), List.of(f[5].split(",")), f[dash + 1],
                    unescape(f[dash + 2]), dash + 3 < f.length ? List.of(f[dash + 3].split(",")) : List.of()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no mount lines");
        }
        return List.copyOf(out);
    }

    /** mountinfo escapes space, tab, newline and backslash as \040 \011 \012 \134. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && s.substring(i + 1, i + 4).chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
