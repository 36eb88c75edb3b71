package dev.saturn.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A class whose @BeforeAll needs a missing tool: each test counted skipped with the reason outside CI (Surefire
 * counted none), the class failed in CI. Run through JUnit's own engine, as Surefire runs it.
 */
class AbortedBeforeAllTest {
    private static final String FIXTURES = "saturn.testkit.fixtures";

    /** The classes below run only inside this test's engine runs, not on their own (as -Dtest=dev.saturn.** would). */
    static final class OnlyAsFixtures implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(FIXTURES).isPresent() ? ConditionEvaluationResult.enabled("a fixture run")
                    : ConditionEvaluationResult.disabled("a fixture of AbortedBeforeAllTest");
        }
    }

    @ExtendWith(OnlyAsFixtures.class)
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

    @ExtendWith(OnlyAsFixtures.class)
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

    /** The fixture run as outside CI or, with {@code ci}, as under CI=true, whatever this JVM's own CI says. */
    private static EngineExecutionResults run(Class<?> test, boolean autodetect, boolean ci) {
        System.setProperty("saturn.ci", String.valueOf(ci));
        try {
            return EngineTestKit.engine("junit-jupiter").configurationParameter(FIXTURES, "true")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", String.valueOf(autodetect))
                    .selectors(selectClass(test)).execute();
        } finally {
            System.clearProperty("saturn.ci");
        }
    }

    @Test
    void withoutTheExtensionAnAbortInBeforeAllSkipsNoTest() {
        EngineExecutionResults results = run(NeedsAnAbsentTool.class, false, false);
        results.testEvents().assertStatistics(s -> s.started(0).skipped(0));
        results.containerEvents().assertStatistics(s -> s.aborted(1));
    }

    @Test
    void eachTestOfAClassWhoseBeforeAllAbortsIsSkippedWithTheReason() {
        EngineExecutionResults results = run(NeedsAnAbsentTool.class, true, false);
        results.testEvents().assertStatistics(s -> s.started(0).skipped(3).failed(0));
        for (Event skipped : results.testEvents().skipped().list()) {
            String reason = skipped.getPayload(String.class).orElse("");
            assertTrue(reason.contains("saturn-no-such-tool is not on PATH") && reason.contains("NeedsAnAbsentTool.start"), reason);
        }
    }

    @Test
    void inCiTheClassFailsInstead() {
        EngineExecutionResults results = run(NeedsAnAbsentTool.class, true, true);
        results.containerEvents().assertStatistics(s -> s.failed(1));
        results.testEvents().assertStatistics(s -> s.started(0).skipped(0));
    }

    @Test
    void inATestAMissingToolSkipsOutsideCiAndFailsInCiWhileAMachinePropertySkipsInBoth() {
        run(NeedsItInATest.class, true, false).testEvents().assertStatistics(s -> s.started(2).aborted(2).failed(0));
        run(NeedsItInATest.class, true, true).testEvents().assertStatistics(s -> s.started(2).aborted(1).failed(1));
    }
}
