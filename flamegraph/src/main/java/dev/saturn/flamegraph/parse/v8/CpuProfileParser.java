package dev.saturn.flamegraph.parse.v8;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * V8 CPU profiles, the {@code .cpuprofile} JSON that {@code node --cpu-prof} writes and Chrome DevTools
 * saves: {@code nodes} (each with an {@code id}, a {@code callFrame}, a {@code hitCount} and the ids of its
 * {@code children}), {@code samples} (the node of each sample) and {@code timeDeltas}. Older profiles
 * nest the tree under {@code head} instead; both are read.
 *
 * <p>Each node's stack runs from the child of {@code (root)} down to it; its weight is the number of
 * samples that name it (or its {@code hitCount} when the profile has no {@code samples}). A frame is
 * the function's name ({@code (anonymous)} when empty), then the script's file name and 1-based line,
 * {@code fib fib.js:3}, so that functions of one name in two files stay apart; V8's own nodes
 * ({@code (program)}, {@code (garbage collector)}, {@code (idle)}) and built-ins have no file.
 * ';' in a name becomes ':'. A profile that does not parse is one invalid line (line 1) and no stack.
 */
public final class CpuProfileParser implements StackParser {

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Map<?, ?> profile;
        try {
            Object root = Json.parse(text);
            if (!(root instanceof Map<?, ?> m)) {
                return new ParseStats(1, 1, 0);
            }
            profile = m;
        } catch (IllegalArgumentException e) {
            return new ParseStats(1, 1, 0);
        }
        Map<Long, Node> nodes = new HashMap<>();
        if (profile.get("nodes") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Node n = Node.of(m);
                    nodes.put(n.id, n);
                }
            }
            for (Node n : nodes.values()) {
                for (long child : n.children) {
                    Node c = nodes.get(child);
                    if (c != null) {
                        c.parent = n;
                    }
                }
            }
        } else if (profile.get("head") instanceof Map<?, ?> head) {
            nest(head, null, nodes, new long[] {1});
        } else {
            return new ParseStats(1, 1, 0);
        }
        Map<Long, Long> weights = new HashMap<>();
        if (profile.get("samples") instanceof List<?> samples && !samples.isEmpty()) {
            for (Object s : samples) {
                if (s instanceof Number id) {
                    weights.merge(id.longValue(), 1L, Long::sum);
                }
            }
        } else {
            for (Node n : nodes.values()) {
                if (n.hitCount > 0) {
                    weights.put(n.id, n.hitCount);
                }
            }
        }
        long stacks = 0;
        for (Map.Entry<Long, Long> w : weights.entrySet()) {
            Node n = nodes.get(w.getKey());
            String stack = n == null ? "" : n.stack();
            if (!stack.isEmpty()) {
                sink.accept(stack, w.getValue());
                stacks++;
            }
        }
        return ParseStats.clean(stacks);
    }

    /** The old nested form: {@code head} with its {@code children} as objects, ids given or made up. */
    private static void nest(Map<?, ?> m, Node parent, Map<Long, Node> nodes, long[] nextId) {
        Node n = Node.of(m);
        if (!(m.get("id") instanceof Number)) {
            n.id = -(nextId[0]++);
        }
        n.parent = parent;
        nodes.put(n.id, n);
        if (m.get("children") instanceof List<?> children) {
            for (Object c : children) {
                if (c instanceof Map<?, ?> child) {
                    nest(child, n, nodes, nextId);
                }
            }
        }
    }

    private static final class Node {
        long id;
        String frame;
        long hitCount;
        long[] children = new long[0];
        Node parent;
        private String stack;

        static Node of(Map<?, ?> m) {
            Node n = new Node();
            n.id = m.get("id") instanceof Number id ? id.longValue() : 0;
            Map<?, ?> callFrame = m.get("callFrame") instanceof Map<?, ?> cf ? cf : m;
            n.frame = frameName(callFrame);
            n.hitCount = m.get("hitCount") instanceof Number h ? h.longValue() : 0;
            if (m.get("children") instanceof List<?> children) {
                n.children = new long[children.size()];
                for (int i = 0; i < children.size(); i++) {
                    n.children[i] = children.get(i) instanceof Number c ? c.longValue() : Long.MIN_VALUE;
                }
            }
            return n;
        }

        /** Root first, without {@code (root)}; built once per node. */
        String stack() {
            if (stack == null) {
                if (parent == null) {
                    stack = frame.equals("(root)") ? "" : frame;
                } else {
                    String above = parent.stack();
                    stack = above.isEmpty() ? frame : above + ";" + frame;
                }
            }
            return stack;
        }
    }

    static String frameName(Map<?, ?> callFrame) {
        String name = callFrame.get("functionName") instanceof String s && !s.isEmpty() ? s : "(anonymous)";
        String url = callFrame.get("url") instanceof String u ? u : "";
        StringBuilder b = new StringBuilder(name);
        if (!url.isEmpty()) {
            b.append(' ').append(url.substring(url.lastIndexOf('/') + 1));
            if (callFrame.get("lineNumber") instanceof Number line && line.longValue() >= 0) {
                b.append(':').append(line.longValue() + 1);
            }
        }
        return b.toString().replace(';', ':');
    }
}
