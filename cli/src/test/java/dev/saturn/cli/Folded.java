package dev.saturn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** A folded profile read back, to ask what share of the samples a frame holds. */
record Folded(Map<String, Long> stacks) {

    static Folded read(Path file) throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int space = line.lastIndexOf(' ');
            m.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
        }
        return new Folded(m);
    }

    long total() {
        return stacks.values().stream().mapToLong(Long::longValue).sum();
    }

    long where(Predicate<String> stack) {
        return stacks.entrySet().stream().filter(e -> stack.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** The share of all samples in stacks with a frame containing {@code name}. */
    double share(String name) {
        return (double) where(s -> s.contains(name)) / total();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        stacks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> sb.append(e.getValue()).append(' ').append(e.getKey()).append('\n'));
        return "total " + total() + ", heaviest:\n" + sb;
    }
}
