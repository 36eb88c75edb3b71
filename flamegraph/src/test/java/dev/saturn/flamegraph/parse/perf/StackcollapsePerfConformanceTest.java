package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-for-byte the outputs of stackcollapse-perf.pl (with the last-stack fix, FlameGraph PR #231)
 * on its 13 test inputs, for each of its options. The inputs and expected outputs are shared test
 * data, read from $SATURN_SHARED; without it the test skips, saying so.
 */
class StackcollapsePerfConformanceTest {
    private static final Map<String, UnaryOperator<PerfCollapseOptions>> OPTIONS = Map.of(
            "pid", PerfCollapseOptions::withPid,
            "tid", PerfCollapseOptions::withTid,
            "kernel", PerfCollapseOptions::withKernel,
            "jit", PerfCollapseOptions::withJit,
            "all", PerfCollapseOptions::withAll,
            "addrs", PerfCollapseOptions::withAddrs);

    static Path shared() {
        return Needs.sharedDir();
    }

    @TestFactory
    Stream<DynamicTest> matchesStackcollapsePerfForEveryInputAndOption() throws IOException {
        Path dir = shared().resolve("testdata/flamegraph/stackcollapse-perf");
        if (!Files.isDirectory(dir.resolve("expected"))) {
            return Stream.of(DynamicTest.dynamicTest("conformance data absent",
                    () -> Needs.sharedData("testdata/flamegraph/stackcollapse-perf/expected")));
        }
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        if (inputs.size() != 13) {
            fail("expected 13 perf script inputs in " + dir + ", found " + inputs.size());
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path input : inputs) {
            String base = input.getFileName().toString().replaceFirst("\\.txt$", "");
            for (String option : List.of("pid", "tid", "kernel", "jit", "all", "addrs")) {
                Path expected = dir.resolve("expected").resolve(base + "-collapsed-" + option + ".txt");
                tests.add(DynamicTest.dynamicTest(base + " --" + option, () -> {
                    PerfCollapseOptions options = OPTIONS.get(option).apply(PerfCollapseOptions.defaults());
                    Collapse c = Collapse.of(Files.readAllBytes(input), options);
                    String want = new String(Files.readAllBytes(expected), StandardCharsets.ISO_8859_1);
                    assertEquals(want, c.text(), input + " --" + option);
                }));
            }
        }
        return tests.stream();
    }
}
