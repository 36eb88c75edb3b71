package dev.saturn.flamegraph.tree;

/**
 * What ran a frame, as async-profiler tells it: by a suffix on the name ({@code _[0]} interpreted,
 * {@code _[1]} C1-compiled, {@code _[j]} JIT-compiled, {@code _[i]} inlined, {@code _[k]} kernel, from its
 * {@code ann} option, its JFR converter, or perf collapse's --kernel/--jit), else, for a frame without one,
 * guessed from the name as async-profiler's converter guesses it: C++ ({@code ::}, Objective-C's
 * {@code -[}/{@code +[}), Java (a {@code /} or a dotted capitalised name), native otherwise. Declared in
 * async-profiler's order of frame type ids, which is also the order of its flame graph's palette.
 */
public enum FrameType {
    INTERPRETED('0', "interpreted"),
    JIT_COMPILED('j', "JIT compiled"),
    INLINED('i', "inlined"),
    NATIVE((char) 0, "native"),
    CPP((char) 0, "C++"),
    KERNEL('k', "kernel"),
    C1_COMPILED('1', "C1 compiled");

    private final char suffix;
    private final String description;

    FrameType(char suffix, String description) {
        this.suffix = suffix;
        this.description = description;
    }

    /** "interpreted", "JIT compiled"...: what a tooltip says after the name. */
    public String description() {
        return description;
    }

    /** The type a name's suffix gives, null for a name without one. */
    public static FrameType ofSuffix(String text) {
        int n = text.length();
        if (n < 4 || text.charAt(n - 1) != ']' || text.charAt(n - 3) != '[' || text.charAt(n - 4) != '_') {
            return null;
        }
        return ofSuffixChar(text.charAt(n - 2));
    }

    static FrameType ofSuffixChar(int c) {
        for (FrameType t : values()) {
            if (t.suffix != 0 && t.suffix == c) {
                return t;
            }
        }
        return null;
    }

    /** The type of a frame of this name: its suffix's, else async-profiler's guess from the name. */
    public static FrameType of(String text) {
        FrameType t = ofSuffix(text);
        if (t != null) {
            return t;
        }
        if (text.contains("::") || text.startsWith("-[") || text.startsWith("+[")) {
            return CPP;
        }
        boolean java = text.indexOf('/') > 0 && text.charAt(0) != '['
                || text.indexOf('.') > 0 && Character.isUpperCase(text.charAt(0));
        return java ? JIT_COMPILED : NATIVE;
    }
}
