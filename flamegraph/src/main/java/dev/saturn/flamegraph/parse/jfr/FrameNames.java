package dev.saturn.flamegraph.parse.jfr;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Names for a recording's stacks, threads and classes, as folded-stack text: UTF-8 bytes, one char
 * per byte like the text formats, `;` turned to `:` and line breaks to spaces since the folded
 * format is one stack per line; other control characters stay for the renderer to escape.
 * RecordingFile hands out one object per constant of a chunk, so names are cached by identity.
 */
final class FrameNames {
    private final JfrOptions options;
    private final Map<RecordedStackTrace, String> stacks = new IdentityHashMap<>();
    private final Map<RecordedThread, String> threads = new IdentityHashMap<>();
    private final Map<RecordedThread, String> threadIds = new IdentityHashMap<>();
    private final Map<RecordedClass, String> classes = new IdentityHashMap<>();

    FrameNames(JfrOptions options) {
        this.options = options;
    }

    /** The frames root first, joined by ';'; "" for a stack without frames. */
    String stack(RecordedStackTrace trace) {
        String s = stacks.get(trace);
        if (s == null) {
            List<RecordedFrame> frames = trace.getFrames();
            StringBuilder b = new StringBuilder(48 * frames.size());
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (b.length() > 0) {
                    b.append(';');
                }
                b.append(frame(frames.get(i)));
            }
            s = b.toString();
            stacks.put(trace, s);
        }
        return s;
    }

    String thread(RecordedThread thread) {
        if (thread == null) {
            return "[unknown thread]";
        }
        String s = threads.get(thread);
        if (s == null) {
            String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
            s = clean(name != null ? name : "[tid=" + thread.getOSThreadId() + "]");
            threads.put(thread, s);
        }
        return s;
    }

    /** `name/TID`, with the kernel's thread ID (perf's TID), or `name/?` when JFR has none. */
    String threadWithId(RecordedThread thread) {
        if (thread == null) {
            return thread(null);
        }
        String s = threadIds.get(thread);
        if (s == null) {
            long tid = thread.getOSThreadId();
            s = thread(thread) + "/" + (tid > 0 ? Long.toString(tid) : "?");
            threadIds.put(thread, s);
        }
        return s;
    }

    /** `byte[]`, `java.lang.String[][]`, `java.lang.Object`: the Java spelling, not JFR's `[B`. */
    String javaClass(RecordedClass type) {
        String s = classes.get(type);
        if (s == null) {
            s = clean(javaClassName(type.getName()));
            classes.put(type, s);
        }
        return s;
    }

    private String frame(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        String name;
        if (method == null) {
            name = "[unknown]";
        } else if (method.getType() == null) {
            name = method.getName();
        } else {
            name = method.getType().getName() + "." + method.getName();
        }
        if (options.lineNumbers() && frame.getLineNumber() > 0) {
            name = name + ":" + frame.getLineNumber();
        }
        if (options.frameTypes()) {
            name = name + typeSuffix(frame.getType());
        }
        return clean(name);
    }

    private static String typeSuffix(String frameType) {
        return frameType == null ? "" : switch (frameType) {
            case "Interpreted" -> "_[0]";
            case "C1 compiled" -> "_[1]";
            case "JIT compiled" -> "_[j]";
            case "Inlined" -> "_[i]";
            case "Kernel" -> "_[k]";
            default -> "";
        };
    }

    static String javaClassName(String jfrName) {
        int dims = 0;
        while (dims < jfrName.length() && jfrName.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0 || dims == jfrName.length()) {
            return jfrName;
        }
        String rest = jfrName.substring(dims);
        String element = switch (rest.charAt(0)) {
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'D' -> "double";
            case 'F' -> "float";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'S' -> "short";
            case 'Z' -> "boolean";
            case 'L' -> rest.substring(1, rest.endsWith(";") ? rest.length() - 1 : rest.length());
            default -> null;
        };
        return element == null ? jfrName : element + "[]".repeat(dims);
    }

    /** `;` to `:`, line breaks to spaces, and UTF-8 bytes as chars. */
    static String clean(String name) {
        String s = name.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return s;
    }
}
