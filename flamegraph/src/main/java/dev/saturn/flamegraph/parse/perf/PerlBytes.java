package dev.saturn.flamegraph.parse.perf;

/**
 * Perl's {@code \s}, {@code \d} and {@code \w} on bytes. stackcollapse-perf.pl matches byte strings,
 * where these classes are ASCII only ({@code \s} includes the vertical tab since Perl 5.18).
 */
final class PerlBytes {
    private PerlBytes() {
    }

    static boolean isSpace(int b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    static boolean isWord(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }
}
