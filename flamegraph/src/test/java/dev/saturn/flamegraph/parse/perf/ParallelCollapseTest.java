package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.testkit.Needs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Chunks collapsed on several threads give the bytes, counts and warnings of one thread, on the
 * shared inputs (skipped, saying so, without $SATURN_SHARED).
 */
class ParallelCollapseTest {
    private static Path dir(String sub) {
        return Needs.sharedData(sub);
    }

    @TestFactory
    Stream<DynamicTest> smallChunksOnThreeThreadsMatchOneThread() throws IOException {
        Path dir = dir("testdata/flamegraph/stackcollapse-perf");
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(input);
            for (PerfCollapseOptions options : List.of(PerfCollapseOptions.defaults(), PerfCollapseOptions.defaults().withTid().withAll())) {
                Collapse one = Collapse.of(bytes, options);
                Collapse many = Collapse.of(bytes, options, 3, 2048, 1 << 20);
                assertEquals(one.text(), many.text());
                assertEquals(one.stats(), many.stats());
                assertEquals(one.warnings(), many.warnings());
            }
        }));
    }

    @Test
    void aLargeInputOnTwoThreadsMatchesOneThread() throws IOException {
        byte[] example = Files.readAllBytes(dir("testdata/flamegraph/bench").resolve("example-perf-stacks.txt"));
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 4; i++) {
            big.write(example);
        }
        byte[] input = big.toByteArray();
        Collapse one = Collapse.of(input, PerfCollapseOptions.defaults());
        Collapse two = Collapse.of(input, PerfCollapseOptions.defaults(), 2, 1 << 20, 16 << 20);
        assertEquals(one.text(), two.text());
        assertEquals(one.stats(), two.stats());
        assertEquals(4 * 1315, two.stats().stacks());
    }
}
