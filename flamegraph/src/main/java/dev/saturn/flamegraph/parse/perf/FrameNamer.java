package dev.saturn.flamegraph.parse.perf;

import java.util.ArrayList;
import java.util.List;

/**
 * stackcollapse-perf.pl's naming rules, from the raw symbol of a stack line to the frame names it
 * contributes. Strings here hold one char per input byte (ISO-8859-1). The parser caches the result
 * per distinct line, so these rules favour clarity over speed.
 */
final class FrameNamer {
    private final boolean addrs;
    private final boolean kernel;
    private final boolean jit;
    private final boolean demangle;

    FrameNamer(PerfCollapseOptions options) {
        this.addrs = options.addrs();
        this.kernel = options.annotateKernel();
        this.jit = options.annotateJit();
        this.demangle = options.demangle();
    }

    /**
     * The frames of one stack line, caller first, joined by ';': one frame, or several when perf
     * printed inlined functions as {@code outer->inner}. Empty when the line contributes none.
     *
     * @param java whether the sample's process name starts with "java"
     */
    String frames(String symbol, String module, String pc, boolean java) {
        String raw = stripOffset(symbol);
        // a process name in parentheses; with --demangle a C++ (anonymous namespace)::f is a function
        if (raw.startsWith("(") && !(demangle && raw.startsWith("(anonymous namespace)"))) {
            return "";
        }
        if (demangle) {
            raw = RustLegacyNames.demangle(raw);
        }
        StringBuilder out = new StringBuilder(raw.length() + 8);
        boolean inlined = false;
        for (String part : splitInlined(raw)) {
            String name = part.equals("[unknown]") ? unknown(module, pc) : part;
            name = demangle ? CppNames.tidy(name) : tidy(name);
            if (java && name.indexOf('/') >= 0 && name.startsWith("L")) {
                name = name.substring(1);
            }
            name = annotate(name, module, inlined);
            if (inlined) {
                out.append(';');
            }
            out.append(name);
            inlined = true;
        }
        return out.toString();
    }

    /** {@code sym+0x1f} to {@code sym}, as perf prints offsets since Linux 4.8 (lower-case hex only). */
    static String stripOffset(String symbol) {
        int i = symbol.length();
        while (i > 0 && isLowerHex(symbol.charAt(i - 1))) {
            i--;
        }
        if (i < symbol.length() && i >= 3 && symbol.startsWith("+0x", i - 3)) {
            return symbol.substring(0, i - 3);
        }
        return symbol;
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /** Perl's {@code split /->/}: empty fields kept, except trailing ones. */
    static List<String> splitInlined(String raw) {
        if (!raw.contains("->")) {
            return raw.isEmpty() ? List.of() : List.of(raw);
        }
        List<String> parts = new ArrayList<>(2);
        int from = 0;
        for (int i = raw.indexOf("->"); i >= 0; i = raw.indexOf("->", from)) {
            parts.add(raw.substring(from, i));
            from = i + 2;
        }
        parts.add(raw.substring(from));
        while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    /** {@code [unknown]} becomes the module's file name in brackets, {@code [libc.so <7f12>]} with addrs. */
    private String unknown(String module, String pc) {
        String name = module.equals("[unknown]") ? "unknown" : module.substring(module.lastIndexOf('/') + 1);
        return addrs ? "[" + name + " <" + pc + ">]" : "[" + name + "]";
    }

    /**
     * ';' would split the frame, so it becomes ':'; arguments after the first '(' are cut, except
     * in Go methods ({@code net/http.(*Client).Do}) and C++'s {@code (anonymous namespace)};
     * quotes go.
     */
    static String tidy(String name) {
        String n = name.replace(';', ':');
        if (!isGoMethod(n)) {
            int cut = n.indexOf('(');
            while (cut >= 0 && n.startsWith("anonymous namespace)", cut + 1)) {
                cut = n.indexOf('(', cut + 1);
            }
            if (cut >= 0) {
                n = n.substring(0, cut);
            }
        }
        if (n.indexOf('"') >= 0 || n.indexOf('\'') >= 0) {
            StringBuilder b = new StringBuilder(n.length());
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                if (c != '"' && c != '\'') {
                    b.append(c);
                }
            }
            n = b.toString();
        }
        return n;
    }

    private static boolean isGoMethod(String n) {
        int open = n.indexOf(".(");
        return open >= 0 && n.lastIndexOf(").") >= open + 2;
    }

    private String annotate(String name, String module, boolean inlined) {
        if (inlined) {
            return name.contains("_[i]") ? name : name + "_[i]";
        }
        if (kernel && isKernel(module)) {
            return name + "_[k]";
        }
        if (jit && isJit(module)) {
            return name.contains("_[j]") ? name : name + "_[j]";
        }
        return name;
    }

    /**
     * {@code [kernel.kallsyms]}, {@code [nf_conntrack]}, a vmlinux path, versioned too
     * ({@code /usr/lib/debug/boot/vmlinux-5.4.14}: the Perl script wants it to end in "vmlinux"),
     * or a module's {@code .ko} file.
     */
    static boolean isKernel(String module) {
        return (module.startsWith("[") || module.endsWith(".ko") || isVmlinux(module)) && !module.contains("unknown");
    }

    /** "vmlinux", then only letters, digits, '-', '.' or '_' to the end. */
    private static boolean isVmlinux(String module) {
        int at = module.lastIndexOf("vmlinux");
        if (at < 0) {
            return false;
        }
        for (int i = at + "vmlinux".length(); i < module.length(); i++) {
            char c = module.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code /tmp/perf-PID.map}, where JIT compilers write their symbols for perf, or a jitdump's
     * {@code jitted-PID-N.so} that {@code perf inject --jit} made (the Perl script knows only the map).
     */
    static boolean isJit(String module) {
        return isPerfMap(module) || isJitdump(module);
    }

    private static boolean isJitdump(String module) {
        int at = module.lastIndexOf("/jitted-");
        return at >= 0 && module.endsWith(".so");
    }

    /** {@code /tmp/perf-PID.map}. */
    static boolean isPerfMap(String module) {
        for (int i = module.indexOf("/tmp/perf-"); i >= 0; i = module.indexOf("/tmp/perf-", i + 1)) {
            int j = i + "/tmp/perf-".length();
            int digits = j;
            while (j < module.length() && module.charAt(j) >= '0' && module.charAt(j) <= '9') {
                j++;
            }
            if (j > digits && module.startsWith(".map", j)) {
                return true;
            }
        }
        return false;
    }
}
