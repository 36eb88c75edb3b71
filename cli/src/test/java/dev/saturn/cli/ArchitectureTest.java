package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module arrows point one way: cli → agent → analyzers → collectors, flamegraph alone (the agent
 * and cli render through it), benchmarks over them all, testkit for tests only. Checked in the
 * sources (every reference to a dev.saturn package, imported or written out) and in the poms.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of("..");
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "collectors", Set.of("collectors"),
            "analyzers", Set.of("analyzers", "collectors"),
            "flamegraph", Set.of("flamegraph"),
            "report", Set.of("report", "analyzers", "collectors"),
            "profiling", Set.of("profiling", "analyzers", "collectors", "flamegraph"),
            "agent", Set.of("agent", "report", "profiling", "analyzers", "collectors", "flamegraph"),
            "cli", Set.of("cli", "agent", "report", "profiling", "analyzers", "collectors", "flamegraph"),
            "benchmarks", Set.of("benchmarks", "agent", "report", "profiling", "analyzers", "collectors", "flamegraph"),
            "testkit", Set.of("testkit"));
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.saturn\\.([a-z]+)\\b");

    @Test
    void mainSourcesUseOnlyTheModulesBelowThem() throws Exception {
        List<String> wrong = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, Set<String>> module : MAY_USE.entrySet()) {
            Path sources = directory(module.getKey()).resolve("src/main/java");
            assertTrue(Files.isDirectory(sources), sources + " is missing: a module was renamed or added without this test");
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    files++;
                    String relative = sources.relativize(file).toString();
                    if (!relative.startsWith("dev/saturn/" + module.getKey() + "/")) {
                        wrong.add(module.getKey() + "/" + relative + ": outside the module's package dev.saturn." + module.getKey());
                    }
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        if (!module.getValue().contains(m.group(1))) {
                            wrong.add(module.getKey() + "/" + relative + " uses dev.saturn." + m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(files > 200, "read " + files + " source files");
        assertEquals(List.of(), wrong);
    }

    @Test
    void pomsDependOnlyOnTheModulesBelowAndOnTestkitForTests() throws Exception {
        List<String> wrong = new ArrayList<>();
        Map<String, String> managedScopes = new java.util.HashMap<>();
        NodeList managed = pom(ROOT).getElementsByTagName("dependency");
        for (int i = 0; i < managed.getLength(); i++) {
            Element d = (Element) managed.item(i);
            managedScopes.put(text(d, "artifactId"), text(d, "scope"));
        }
        for (Map.Entry<String, Set<String>> module : MAY_USE.entrySet()) {
            NodeList dependencies = pom(directory(module.getKey())).getElementsByTagName("dependency");
            Set<String> used = new TreeSet<>();
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element d = (Element) dependencies.item(i);
                String artifact = text(d, "artifactId");
                if (!artifact.startsWith("saturn-")) {
                    continue;
                }
                String name = artifact.substring("saturn-".length());
                String scope = text(d, "scope").isEmpty() ? managedScopes.getOrDefault(artifact, "") : text(d, "scope");
                boolean testOnly = scope.equals("test");
                used.add(name);
                if (name.equals("testkit") ? !testOnly : !module.getValue().contains(name) && !testOnly) {
                    wrong.add(module.getKey() + " depends on " + artifact + (testOnly ? " in tests" : ""));
                }
            }
            if (!module.getKey().equals("testkit") && !used.contains("testkit") && !module.getKey().equals("benchmarks")) {
                wrong.add(module.getKey() + " has no test dependency on saturn-testkit (Needs, Poll, CpuTime)");
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** A module's directory: the JMH benchmarks live in bench/ beside the bench scripts. */
    private static Path directory(String module) {
        return ROOT.resolve(module.equals("benchmarks") ? "bench/jmh" : module);
    }

    private static Element pom(Path dir) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("pom.xml").toFile()).getDocumentElement();
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }
}
