package dev.saturn.flamegraph.tree;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A frame name, one instance per distinct byte string in a tree (so names compare with ==).
 * {@link #raw()} keeps the input bytes as ISO-8859-1 chars; {@link #text()} is what people read.
 */
public final class Name {
    /** The root of every tree, drawn as "all"; no input frame is ever this instance. */
    public static final Name ROOT = new Name(new byte[0], -1, "all");

    /** A flame chart's stretch of the parent's own time between two calls: it takes width, it is not drawn. */
    public static final Name SELF_GAP = new Name(new byte[0], -2, "");

    private final byte[] bytes;
    private final int id;
    private String raw;
    private String text;
    private String label;
    /** 0 not yet known, -1 none, else the FrameType's ordinal + 1. */
    private byte type;

    Name(byte[] bytes, int id) {
        this.bytes = bytes;
        this.id = id;
    }

    private Name(byte[] bytes, int id, String text) {
        this(bytes, id);
        this.raw = text;
        this.text = text;
        this.label = text;
    }

    /** The input bytes themselves, not to be changed. */
    byte[] bytes() {
        return bytes;
    }

    /** Dense, from 0, in order of first appearance: an index for per-name caches. */
    public int id() {
        return id;
    }

    /** The input bytes, one ISO-8859-1 char each. */
    public String raw() {
        if (raw == null) {
            raw = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return raw;
    }

    public boolean isEmpty() {
        return bytes.length == 0 && id >= 0;
    }

    /** True when the raw name is exactly {@code s} (ASCII). */
    public boolean is(String s) {
        if (bytes.length != s.length()) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name as text: UTF-8 when the bytes are valid UTF-8, else ISO-8859-1; control characters
     * shown as their Unicode control pictures (NUL as U+2400, ESC as U+241B), C1 controls and
     * non-characters as U+FFFD. Always safe to put in XML or JSON once escaped.
     */
    public String text() {
        if (text == null) {
            text = toText(bytes);
        }
        return text;
    }

    /**
     * {@link #text()} without a trailing annotation: perf's and async-profiler's frame types ({@code _[k]},
     * {@code _[j]}, {@code _[i]}, {@code _[0]}, {@code _[1]}) and the chain palette's waker ({@code _[w]}).
     */
    public String label() {
        if (label == null) {
            String t = text();
            label = annotated(t) ? t.substring(0, t.length() - 4) : t;
        }
        return label;
    }

    /** The frame type its suffix gives ({@code _[j]}...), null for a name without one. */
    public FrameType type() {
        if (type == 0) {
            FrameType t = typeOfBytes();
            type = (byte) (t == null ? -1 : t.ordinal() + 1);
        }
        return type < 0 ? null : FrameType.values()[type - 1];
    }

    private FrameType typeOfBytes() {
        int n = bytes.length;
        if (n < 4 || bytes[n - 1] != ']' || bytes[n - 3] != '[' || bytes[n - 4] != '_') {
            return null;
        }
        return FrameType.ofSuffixChar(bytes[n - 2]);
    }

    /** Ends with _[w] or a frame type's suffix. */
    private static boolean annotated(String t) {
        return FrameType.ofSuffix(t) != null || t.endsWith("_[w]");
    }

    boolean equalsBytes(byte[] buf, int from, int to) {
        return Arrays.equals(bytes, 0, bytes.length, buf, from, to);
    }

    int length() {
        return bytes.length;
    }

    int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    @Override
    public String toString() {
        return text();
    }

    /** {@link #text()} of any raw ISO-8859-1 string (attribute values from files, for instance). */
    public static String textOf(String raw) {
        return toText(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String toText(byte[] bytes) {
        boolean ascii = true;
        boolean clean = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
            } else if (b < 0x20 || b == 0x7f) {
                clean = false;
            }
        }
        String s;
        if (ascii) {
            s = new String(bytes, StandardCharsets.ISO_8859_1);
            if (clean) {
                return s;
            }
        } else {
            try {
                s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                s = new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
        return visible(s);
    }

    /** Control characters as visible ones, so that a NUL or ESC in a symbol never breaks the output. */
    public static String visible(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char r = c;
            if (c < 0x20) {
                r = (char) (0x2400 + c);
            } else if (c == 0x7f) {
                r = '\u2421';
            } else if ((c >= 0x80 && c <= 0x9f) || c == 0xfffe || c == 0xffff) {
                r = '\ufffd';
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                if (!paired) {
                    r = '\ufffd';
                }
            }
            if (r != c && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(r);
            }
        }
        return b == null ? s : b.toString();
    }
}
