package dev.saturn.flamegraph.html;

/**
 * JSON strings for a script element of an HTML page: '<' as \u003c so that no "</script" or
 * "<!--" ends or changes the element, and U+2028/U+2029 escaped. Other characters are kept as they are
 * (the page is UTF-8); a lone surrogate, which UTF-8 cannot hold, is escaped.
 */
final class JsonText {
    private JsonText() {
    }

    static StringBuilder string(StringBuilder b, String s) {
        if (plain(s)) {
            return b.append('"').append(s).append('"');
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<' -> b.append("\\u003c");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> {
                    boolean lone = Character.isHighSurrogate(c) ? !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            : Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** Printable ASCII but for the characters escaped: the string as it is. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<') {
                return false;
            }
        }
        return true;
    }

    /** A finite number as JSON: integers without a fraction. */
    static StringBuilder number(StringBuilder b, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return b.append((long) v);
        }
        return b.append(Double.isFinite(v) ? Double.toString(v) : "0");
    }
}
