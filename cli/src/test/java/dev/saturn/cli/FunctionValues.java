package dev.saturn.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What profile viewers show per function of folded stacks: flat (leaf) and cum (in the stack, once per sample). */
final class FunctionValues {
    private FunctionValues() {
    }

    record Values(long flat, long cum) {
    }

    /** Per-function values of folded stacks, counted as go tool pprof and speedscope count them. */
    static Map<String, Values> of(Map<String, Long> folded) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Map.Entry<String, Long> e : folded.entrySet()) {
            String[] frames = e.getKey().split(";");
            sums.computeIfAbsent(frames[frames.length - 1], k -> new long[2])[0] += e.getValue();
            for (String frame : new LinkedHashSet<>(List.of(frames))) {
                sums.computeIfAbsent(frame, k -> new long[2])[1] += e.getValue();
            }
        }
        Map<String, Values> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, new Values(v[0], v[1])));
        return out;
    }

    /** Folded text, `frame;frame;leaf COUNT` lines, as a map (equal stacks summed). */
    static Map<String, Long> folded(String text) {
        Map<String, Long> stacks = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                int space = line.lastIndexOf(' ');
                stacks.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
            }
        }
        return stacks;
    }
}
