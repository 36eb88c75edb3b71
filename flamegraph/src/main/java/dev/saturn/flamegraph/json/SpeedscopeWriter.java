package dev.saturn.flamegraph.json;

import dev.saturn.flamegraph.tree.Frame;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.Name;
import dev.saturn.flamegraph.tree.SelfCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tree in speedscope's file format (its file-format-schema.json): one "sampled" profile whose
 * samples are the tree's stacks (frame indices root first) weighed by their own counts, in drawing
 * order, over one shared frame table with an entry per distinct frame name. A differential tree has
 * two counts per stack, which the format cannot hold: the caller refuses it.
 */
public final class SpeedscopeWriter {
    private static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";

    private final Map<Name, Integer> frames = new HashMap<>();
    private final List<Name> frameNames = new ArrayList<>();

    private SpeedscopeWriter() {
    }

    /**
     * Writes {@code tree} named {@code name} (speedscope shows it as the title); {@code countName}
     * (ns, us, ms, s, bytes, or anything else for plain counts) gives speedscope's unit.
     */
    public static void write(FrameTree tree, String name, String countName, OutputStream out) throws IOException {
        if (tree.differential()) {
            throw new IllegalArgumentException("a differential profile has two counts per stack; speedscope holds one");
        }
        new SpeedscopeWriter().writeFile(tree, name, countName, out);
    }

    /** speedscope's ValueUnit for a count name. */
    static String unit(String countName) {
        return switch (countName.trim().toLowerCase(Locale.ROOT)) {
            case "ns", "nanoseconds" -> "nanoseconds";
            case "us", "\u00b5s", "microseconds" -> "microseconds";
            case "ms", "milliseconds" -> "milliseconds";
            case "s", "seconds" -> "seconds";
            case "bytes", "b" -> "bytes";
            default -> "none";
        };
    }

    private void writeFile(FrameTree tree, String name, String countName, OutputStream out) throws IOException {
        StringBuilder samples = new StringBuilder(1 << 16);
        StringBuilder weights = new StringBuilder(1 << 12);
        int[][] path = {new int[64]};
        SelfCounts.forEach(tree, (leaf, self) -> {
            int depth = leaf.depth();
            if (path[0].length < depth) {
                path[0] = Arrays.copyOf(path[0], Math.max(depth, path[0].length * 2));
            }
            int i = depth;
            for (Frame p = leaf; p.parent() != null; p = p.parent()) {
                path[0][--i] = frame(p.name());
            }
            samples.append(samples.length() == 0 ? "[" : ",[");
            for (int k = 0; k < depth; k++) {
                if (k > 0) {
                    samples.append(',');
                }
                samples.append(path[0][k]);
            }
            samples.append(']');
            if (weights.length() > 0) {
                weights.append(',');
            }
            D3JsonWriter.number(weights, self);
        });
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("{\"$schema\":\"").append(SCHEMA).append("\",\"exporter\":\"saturn\",\"name\":");
        D3JsonWriter.string(b, name);
        b.append(",\"activeProfileIndex\":0,\"shared\":{\"frames\":[");
        for (int i = 0; i < frameNames.size(); i++) {
            b.append(i == 0 ? "{\"name\":" : ",{\"name\":");
            D3JsonWriter.string(b, frameNames.get(i).text());
            b.append('}');
            if (b.length() > 1 << 15) {
                flush(b, out);
            }
        }
        b.append("]},\"profiles\":[{\"type\":\"sampled\",\"name\":");
        D3JsonWriter.string(b, name);
        b.append(",\"unit\":\"").append(unit(countName)).append("\",\"startValue\":0,\"endValue\":");
        D3JsonWriter.number(b, tree.width(tree.root()));
        b.append(",\"samples\":[");
        flush(b, out);
        write(samples, out);
        b.append("],\"weights\":[");
        flush(b, out);
        write(weights, out);
        b.append("]}]}\n");
        flush(b, out);
        out.flush();
    }

    private int frame(Name name) {
        Integer index = frames.get(name);
        if (index == null) {
            index = frameNames.size();
            frameNames.add(name);
            frames.put(name, index);
        }
        return index;
    }

    private static void flush(StringBuilder b, OutputStream out) throws IOException {
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        b.setLength(0);
    }

    private static void write(StringBuilder b, OutputStream out) throws IOException {
        for (int from = 0; from < b.length(); from += 1 << 20) {
            out.write(b.substring(from, Math.min(b.length(), from + (1 << 20))).getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
