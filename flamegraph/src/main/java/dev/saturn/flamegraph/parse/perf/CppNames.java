package dev.saturn.flamegraph.parse.perf;

/**
 * The tidying of {@code --demangle}: a C++ name loses its parameter list, and only that. The Perl
 * script cuts at the first '(', which leaves {@code std::function<int} of
 * {@code std::function<int (int, int)>::operator()(int, int) const}; here parentheses inside
 * template arguments and lambdas ({@code <>}, {@code {}}, {@code []}) stay, and so does the
 * {@code ()} of {@code operator()}. Go methods and {@code (anonymous namespace)} stay as in the
 * Perl rule; ';' becomes ':'; quotes stay (Rust lifetimes, {@code 's}).
 */
final class CppNames {
    private static final String OPERATOR = "operator";

    private CppNames() {
    }

    static String tidy(String name) {
        String n = name.replace(';', ':');
        int depth = 0;
        int i = 0;
        while (i < n.length()) {
            char c = n.charAt(i);
            if (c == 'o' && isOperatorKeyword(n, i)) {
                i = afterOperatorToken(n, i + OPERATOR.length());
                continue;
            }
            switch (c) {
                case '<', '{', '[' -> depth++;
                case '>', '}', ']', ')' -> depth = Math.max(0, depth - 1);
                case '(' -> {
                    if (depth == 0 && !n.startsWith("(anonymous namespace)", i) && !(i > 0 && n.charAt(i - 1) == '.')) {
                        return n.substring(0, i);
                    }
                    depth++;
                }
                default -> {
                }
            }
            i++;
        }
        return n;
    }

    /** "operator" as a word of its own, not the end of "my_operator". */
    private static boolean isOperatorKeyword(String n, int i) {
        if (!n.startsWith(OPERATOR, i)) {
            return false;
        }
        return i == 0 || !isIdentifier(n.charAt(i - 1));
    }

    /**
     * Past the symbol of {@code operator()}, {@code operator[]}, {@code operator<<}, {@code operator->}...,
     * whose brackets open nothing; a conversion or {@code operator new} is a word, read as usual.
     */
    private static int afterOperatorToken(String n, int i) {
        if (n.startsWith("()", i) || n.startsWith("[]", i)) {
            return i + 2;
        }
        int j = i;
        while (j < n.length() && "<>=!+-*/%^&|~,".indexOf(n.charAt(j)) >= 0) {
            j++;
        }
        // operator< <T>: a template's arguments after an operator's own '<' are read as brackets
        return j > i && j - i <= 3 ? j : i;
    }

    private static boolean isIdentifier(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
