package dev.saturn.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A class whose @BeforeAll needs a missing tool: each test counted skipped with the reason outside CI (Surefire
 * counted none), the class failed in CI. Run through JUnit's own engine, as Surefire runs it.
 */
class AbortedBeforeAllTest {
    static class NeedsAnAbsentTool {
        @BeforeAll
        static void start() {
            Needs.tool("saturn-no-such-tool");
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }

        @Nested
        class Inner {
            @Test
            void three() {
            }
        }
    }

    static class NeedsItInATest {
        @Test
        void one() {
            Needs.tools("sh", "saturn-no-such-tool");
        }

        @Test
        void two() {
            Needs.machine(false, "no PMU in this VM");
        }
    }

    private static EngineExecutionResults run(Class<?> test, boolean autodetect) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", String.valueOf(autodetect))
                .selectors(selectClass(test)).execute();
    }

    @Test
    void withoutTheExtensionAnAbortInBeforeAllSkipsNoTest() {
        EngineExecutionResults results = run(NeedsAnAbsentTool.class, false);
        results.testEvents().assertStatistics(s -> s.started(0).skipped(0));
        results.containerEvents().assertStatistics(s -> s.aborted(1));
    }

    @Test
    void eachTestOfAClassWhoseBeforeAllAbortsIsSkippedWithTheReason() {
        EngineExecutionResults results = run(NeedsAnAbsentTool.class, true);
        results.testEvents().assertStatistics(s -> s.started(0).skipped(3).failed(0));
        for (Event skipped : results.testEvents().skipped().list()) {
            String reason = skipped.getPayload(String.class).orElse("");
            assertTrue(reason.contains("saturn-no-such-tool is not on PATH") && reason.contains("NeedsAnAbsentTool.start"), reason);
        }
    }

    @Test
    void inCiTheClassFailsInstead() {
        System.setProperty("saturn.ci", "true");
        try {
            EngineExecutionResults results = run(NeedsAnAbsentTool.class, true);
            results.containerEvents().assertStatistics(s -> s.failed(1));
            results.testEvents().assertStatistics(s -> s.started(0).skipped(0));
        } finally {
            System.clearProperty("saturn.ci");
        }
    }

    @Test
    void inATestAMissingToolSkipsOutsideCiAndFailsInCiWhileAMachinePropertySkipsInBoth() {
        run(NeedsItInATest.class, true).testEvents().assertStatistics(s -> s.started(2).aborted(2).failed(0));
        System.setProperty("saturn.ci", "true");
        try {
            run(NeedsItInATest.class, true).testEvents().assertStatistics(s -> s.started(2).aborted(1).failed(1));
        } finally {
            System.clearProperty("saturn.ci");
        }
    }
}
