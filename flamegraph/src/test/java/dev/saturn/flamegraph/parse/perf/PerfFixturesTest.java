package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * perf script recorded on this project's machines (src/test/resources/perf/README.md) against
 * stackcollapse-perf.pl's outputs on them; these run on a fresh clone.
 */
class PerfFixturesTest {
    private static final PerfCollapseOptions DEFAULTS = PerfCollapseOptions.defaults();

    record Case(String input, String option, PerfCollapseOptions options) {
        String expected() {
            return input + "-collapsed-" + option + ".txt";
        }
    }

    static final List<Case> CASES = List.of(
            new Case("c-cpu-clock", "default", DEFAULTS),
            new Case("c-cpu-clock", "kernel", DEFAULTS.withKernel()),
            new Case("c-cpu-clock", "pid", DEFAULTS.withPid()),
            new Case("c-cpu-clock", "tid", DEFAULTS.withTid()),
            new Case("c-stripped", "default", DEFAULTS),
            new Case("c-stripped", "addrs", DEFAULTS.withAddrs()),
            new Case("two-events", "default", DEFAULTS),
            new Case("two-events", "event-filter-task-clock", DEFAULTS.withEventFilter("task-clock")),
            new Case("java-perfmap", "default", DEFAULTS),
            new Case("java-perfmap", "jit", DEFAULTS.withJit()),
            new Case("java-perfmap", "tid", DEFAULTS.withTid()),
            new Case("java-perfmap", "all", DEFAULTS.withAll()),
            new Case("c-no-callchain", "default", DEFAULTS),
            new Case("cpp-std-function", "default", DEFAULTS),
            new Case("cpp-std-function", "demangle", DEFAULTS.withDemangle()),
            new Case("rust-partial", "default", DEFAULTS),
            new Case("rust-partial", "demangle", DEFAULTS.withDemangle()));

    static byte[] resource(String name) {
        try (InputStream in = PerfFixturesTest.class.getResourceAsStream("/perf/" + name)) {
            assertNotNull(in, "test resource /perf/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> matchesStackcollapsePerfOnOurRecordings() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.input() + " " + c.option(), () -> {
            Collapse out = Collapse.of(resource(c.input() + ".txt"), c.options());
            assertEquals(new String(resource(c.expected()), StandardCharsets.ISO_8859_1), out.text());
            assertEquals(0, out.stats().invalidLines());
        }));
    }

    @TestFactory
    Stream<DynamicTest> givesTheSameBytesWhenCutIntoSmallChunksOnSeveralThreads() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.input() + " " + c.option(), () -> {
            byte[] input = resource(c.input() + ".txt");
            Collapse one = Collapse.of(input, c.options());
            Collapse many = Collapse.of(input, c.options(), 3, 1024, 4096);
            assertEquals(one.text(), many.text());
            assertEquals(one.stats(), many.stats());
            assertEquals(one.warnings(), many.warnings());
        }));
    }

    @Test
    void warnsOnceWhichEventItKeptAndWhichItLeftOut() {
        Collapse out = Collapse.of(resource("two-events.txt"), DEFAULTS);
        assertEquals(List.of("the input holds several event types: kept only cpu-clock (the first), left out task-clock; "
                + "choose one with --event-filter"), out.warnings());
    }

    @Test
    void doesNotWarnWhenTheEventIsChosen() {
        assertEquals(List.of(), Collapse.of(resource("two-events.txt"), DEFAULTS.withEventFilter("task-clock")).warnings());
    }

    @Test
    void countsEverySampleOfTheKeptEvent() {
        assertEquals(87, Collapse.of(resource("c-cpu-clock.txt"), DEFAULTS).stats().stacks());
        assertEquals(32, Collapse.of(resource("two-events.txt"), DEFAULTS).stats().stacks());
    }
}
