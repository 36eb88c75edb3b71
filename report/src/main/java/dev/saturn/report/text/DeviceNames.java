package dev.saturn.report.text;

/**
 * Device names cut to a column, keeping the part that tells them apart: a mount point keeps its first directory and
 * as many of its last as fit ({@code /srv/.../data}, not {@code /srv/very-long-m...}); another name keeps its end
 * ({@code ...-lv_var_log}), where LVM volumes, partitions and containers' devices differ.
 */
final class DeviceNames {
    private static final String CUT = "...";

    private DeviceNames() {
    }

    static String fit(String name, int width) {
        if (name.length() <= width) {
            return name;
        }
        if (width <= CUT.length() + 1) {
            return name.substring(name.length() - width);
        }
        int first = name.startsWith("/") ? name.indexOf('/', 1) : -1;
        if (first > 0) {
            String head = name.substring(0, first);
            String best = null;
            for (int i = name.length() - 1; i > first; i--) {
                if (name.charAt(i) != '/') {
                    continue;
                }
                String candidate = head + "/" + CUT + name.substring(i);
                if (candidate.length() > width) {
                    break;
                }
                best = candidate;
            }
            if (best != null) {
                return best;
            }
        }
        return CUT + name.substring(name.length() - (width - CUT.length()));
    }
}
