package dev.saturn.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A test's missing need, said on stderr with the test's name, then a skip (JUnit's abort) or, in CI, a failure. */
final class Missing {
    private Missing() {
    }

    /** Under CI=true a failure: .ci/run installs every tool and runs as root, so its absence is CI's bug. */
    static void ciInstalls(String what) {
        if (inCi()) {
            String message = "FAILED in CI (CI=true): " + caller() + ": " + what;
            System.err.println(message);
            Assertions.fail(message);
        }
        skip(what);
    }

    static void machine(String why) {
        skip(why);
    }

    /** CI=true, as CI services and .ci/run set it; the system property saturn.ci stands in for it in the testkit's own test. */
    static boolean inCi() {
        return "true".equals(System.getProperty("saturn.ci", System.getenv("CI")));
    }

    private static void skip(String why) {
        String message = "SKIPPED: " + caller() + ": " + why;
        System.err.println(message);
        Assumptions.abort(message);
    }

    /** The test class (and method) that asked: the first frame outside Needs and Missing. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Missing.class.getName()) && !f.getClassName().equals(Needs.class.getName()))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .orElse("a test"));
    }
}
