package dev.saturn.analyzers.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The 2 s fixture of collectors (its README lists what `jfr print` counts in it). */
class JfrSummarizerTest {
    static final Path FIXTURE = Path.of("../collectors/src/test/resources/jfr/summary-2s.jfr");
    private static final String TARGET = "dev.saturn.collectors.jfr.LockTarget";

    @Test
    void hottestMethodIsTheBurnerWithSelfAndTotalSamples() throws Exception {
        JfrSummary s = JfrSummarizer.summarize(FIXTURE, 10);
        assertEquals(91, s.samples());
        MethodHeat top = s.hotMethods().get(0);
        assertEquals(new MethodHeat(TARGET + ".burn", 90, 90), top);
        assertEquals(2, s.hotMethods().size(), "only methods on top of a stack: " + s.hotMethods());
        assertEquals("jdk.jfr.internal.EventControl.writeActiveSettingEvent", s.hotMethods().get(1).method());
    }

    @Test
    void hiddenLambdaClassesAreOneName() throws Exception {
        java.util.List<String> frames = new java.util.ArrayList<>();
        dev.saturn.collectors.jfr.RecordingReader.read(FIXTURE, new dev.saturn.collectors.jfr.RecordingListener() {
            @Override
            public void sample(dev.saturn.collectors.jfr.MethodSample sample) {
                frames.addAll(sample.frames());
            }
        });
        assertTrue(frames.contains(TARGET + "$$Lambda.run"), frames.toString());
        assertTrue(frames.stream().noneMatch(f -> f.contains("0x")), "no hidden-class addresses");
    }

    @Test
    void gcPausesAreCountedSummedAndTheLongestKept() throws Exception {
        JfrSummary s = JfrSummarizer.summarize(FIXTURE, 10);
        assertEquals(new GcTotals("all", 4, 37_318_248L, 15_028_415L), s.gc());
        assertEquals(1, s.gcByCollector().size());
        assertEquals("G1Full", s.gcByCollector().get(0).collector());
        assertEquals(100.0 * 37_318_248L / (s.span().seconds() * 1e9), s.gcPausePct(), 1e-9);
    }

    @Test
    void contendedMonitorIsNamedWithTheUserMutexSaturation() throws Exception {
        JfrSummary s = JfrSummarizer.summarize(FIXTURE, 10);
        Contention ledger = s.monitors().get(0);
        assertEquals(TARGET + "$Ledger", ledger.objectClass());
        assertEquals(49, ledger.waits());
        assertEquals(1_920_061_609L, ledger.totalNs());
        assertEquals(2, ledger.threads());
        assertEquals(TARGET + ".contendMonitor", ledger.topSite());
        assertEquals(1_920_061_609L / (s.span().seconds() * 1e9), s.monitorSaturation(), 1e-9);
        assertTrue(s.monitorSaturation() > 0.8 && s.monitorSaturation() < 1.1,
                "one of two threads always waits: " + s.monitorSaturation());
        assertEquals("20 ms", s.monitorSettings().threshold());
    }

    @Test
    void parksAreGroupedByBlockerClass() throws Exception {
        JfrSummary s = JfrSummarizer.summarize(FIXTURE, 10);
        assertEquals(1, s.parks().size());
        Contention lock = s.parks().get(0);
        assertEquals("java.util.concurrent.locks.ReentrantLock$NonfairSync", lock.objectClass());
        assertEquals(46, lock.waits());
        assertEquals(TARGET + ".contendLock", lock.topSite());
    }

    @Test
    void topLimitsEveryList() throws Exception {
        JfrSummary s = JfrSummarizer.summarize(FIXTURE, 1);
        assertEquals(1, s.hotMethods().size());
        assertEquals(1, s.monitors().size());
    }
}
