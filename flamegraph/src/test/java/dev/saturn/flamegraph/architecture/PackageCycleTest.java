package dev.saturn.flamegraph.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages of the flamegraph module depend on each other one way (folded, then parse, the format
 * parsers, input; tree, then svg and json): jdeps over the compiled classes finds no cycle.
 */
class PackageCycleTest {
    private static final Path CLASSES = Path.of("target/classes");
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.saturn\\.flamegraph[\\w.]*)\\s+->\\s+(dev\\.saturn\\.flamegraph[\\w.]*)\\s", Pattern.MULTILINE);

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        assertTrue(Files.isDirectory(CLASSES), CLASSES + " is missing: run the tests through Maven");
        StringWriter out = new StringWriter();
        int rc = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none", CLASSES.toString());
        assertEquals(0, rc, out.toString());
        Map<String, Set<String>> uses = new TreeMap<>();
        Matcher m = EDGE.matcher(out.toString());
        while (m.find()) {
            uses.computeIfAbsent(m.group(1), k -> new TreeSet<>());
            if (!m.group(1).equals(m.group(2))) {
                uses.get(m.group(1)).add(m.group(2));
            }
        }
        assertTrue(uses.size() >= 8, "jdeps found the packages: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (reaches(uses, to, from, new TreeSet<>())) {
                    cycles.add(from + " -> " + to + " -> ... -> " + from);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (reaches(uses, next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
