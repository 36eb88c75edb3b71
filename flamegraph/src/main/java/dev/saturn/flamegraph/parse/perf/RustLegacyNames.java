package dev.saturn.flamegraph.parse.perf;

/**
 * Legacy Rust symbols that reach perf script half demangled,
 * {@code _$LT$std..fs..ReadDir$u20$as$u20$core..iter..Iterator$GT$::next::hc14f1750ca79129b},
 * spelled as rustc-demangle spells them, {@code <std::fs::ReadDir as core::iter::Iterator>::next}:
 * the {@code ::h} and 16 hex digits of the hash go, {@code ..} is {@code ::}, the {@code $..$}
 * escapes are their characters. A name without the trailing hash is left as it is.
 */
final class RustLegacyNames {
    private static final int HASH_LENGTH = 17;
    private static final String[][] ESCAPES = {
        {"$SP$", "@"}, {"$BP$", "*"}, {"$RF$", "&"}, {"$LT$", "<"}, {"$GT$", ">"}, {"$LP$", "("}, {"$RP$", ")"},
        {"$C$", ","}, {"$u7e$", "~"}, {"$u20$", " "}, {"$u27$", "'"}, {"$u3d$", "="}, {"$u5b$", "["},
        {"$u5d$", "]"}, {"$u7b$", "{"}, {"$u7d$", "}"}, {"$u3b$", ";"}, {"$u2b$", "+"}, {"$u21$", "!"},
        {"$u22$", "\""},
    };

    private RustLegacyNames() {
    }

    static String demangle(String symbol) {
        if (!endsWithHash(symbol)) {
            return symbol;
        }
        String rest = symbol.substring(0, symbol.length() - HASH_LENGTH);
        if (rest.endsWith("::")) {
            rest = rest.substring(0, rest.length() - 2);
        }
        StringBuilder out = new StringBuilder(rest.length());
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '_' && rest.startsWith("_$", i) && (i == 0 || endsWithPathSeparator(out))) {
                // rustc-demangle's rule for a path element that starts with an escape: {{closure}}
                i++;
                continue;
            }
            if (c == '.') {
                if (rest.startsWith("..", i)) {
                    out.append("::");
                    i += 2;
                } else {
                    out.append('.');
                    i++;
                }
            } else if (c == '$') {
                String[] escape = escapeAt(rest, i);
                if (escape == null) {
                    out.append(rest, i, rest.length());
                    break;
                }
                out.append(escape[1]);
                i += escape[0].length();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean endsWithPathSeparator(StringBuilder out) {
        int n = out.length();
        return n >= 2 && out.charAt(n - 1) == ':' && out.charAt(n - 2) == ':';
    }

    /** {@code h} and 16 hex digits at the end, after "::" or nothing. */
    private static boolean endsWithHash(String s) {
        if (s.length() < HASH_LENGTH || s.charAt(s.length() - HASH_LENGTH) != 'h') {
            return false;
        }
        for (int i = s.length() - HASH_LENGTH + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static String[] escapeAt(String s, int i) {
        for (String[] e : ESCAPES) {
            if (s.startsWith(e[0], i)) {
                return e;
            }
        }
        return null;
    }
}
