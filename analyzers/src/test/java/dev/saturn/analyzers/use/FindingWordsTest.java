package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a finding says agrees with its cell: the direction a disk serves, the count an error verdict is about. */
class FindingWordsTest {
    @TempDir
    Path tmp;

    @Test
    void aReadOnlyDiskQuotesItsReadLatency() throws Exception {
        // 100 reads taking 600 ms in all, no write.
        String finding = busyDiskFinding("1100 0 8800 5600 2000 0 16000 4000");
        assertTrue(finding.contains("reads wait 6.0 ms"), finding);
        assertFalse(finding.contains("writes wait"), "no write completed: " + finding);
    }

    @Test
    void aDiskDoingBothQuotesBothWaits() throws Exception {
        // 100 reads taking 600 ms, 100 writes taking 2000 ms.
        String finding = busyDiskFinding("1100 0 8800 5600 2100 0 16800 6000");
        assertTrue(finding.contains("reads wait 6.0 ms, writes wait 20.0 ms"), finding);
    }

    /** The finding of vda, 80 % busy with a queue of 3.2, after the I/O counters (diskstats columns 4-11) given. */
    private String busyDiskFinding(String ioAfter) throws Exception {
        TreePair pair = new TreePair(tmp);
        long busyMs = Math.round(pair.seconds() * 1000 * 0.8);
        pair.both("proc/diskstats",
                " 254       0 vda 1000 0 8000 5000 2000 0 16000 4000 0 10000 9000 0 0 0 0 0 0\n",
                " 254       0 vda " + ioAfter + " 0 " + (10000 + busyMs) + " " + (9000 + 4 * busyMs) + " 0 0 0 0 0 0\n");
        UseReport r = pair.analyze();
        return r.findings().stream().filter(f -> "vda".equals(f.device())).findFirst().orElseThrow().text();
    }

    @Test
    void anOldOomKillShowsItsCountBesideItsWarning() throws Exception {
        TreePair pair = new TreePair(tmp);
        TreePair.line(pair.before, "proc/vmstat", "oom_kill ", "oom_kill 39");
        TreePair.line(pair.after, "proc/vmstat", "oom_kill ", "oom_kill 39");
        UseReport r = pair.analyze();
        ResourceUse memory = CaptureFormulasTest.row(r, "memory", null);
        assertEquals(0.0, memory.metrics().get("oom_kills"), "none during the interval");
        Cell errors = memory.errors();
        assertEquals(Status.WARN, errors.status());
        assertEquals("oom_kills_cumulative", errors.metric());
        assertEquals(39.0, errors.value(), "the cell shows the count its warning is about");
        assertEquals("39 OOM kills since boot, none during the interval", errors.reason());
    }

    @Test
    void anOomKillNowShowsTheIntervalsCount() throws Exception {
        TreePair pair = new TreePair(tmp);
        TreePair.line(pair.before, "proc/vmstat", "oom_kill ", "oom_kill 39");
        TreePair.line(pair.after, "proc/vmstat", "oom_kill ", "oom_kill 41");
        Cell errors = CaptureFormulasTest.row(pair.analyze(), "memory", null).errors();
        assertEquals(Status.CRIT, errors.status());
        assertEquals("oom_kills", errors.metric());
        assertEquals(2.0, errors.value());
    }

    @Test
    void noErrorEverIsOkAndZero() throws Exception {
        Cell errors = CaptureFormulasTest.row(new TreePair(tmp).analyze(), "memory", null).errors();
        assertEquals(Status.OK, errors.status());
        assertEquals("oom_kills", errors.metric());
        assertEquals(0.0, errors.value());
    }

    @Test
    void ratesKeepTheirDigitsBelowOne() {
        assertEquals("0", Numbers.rate(0));
        assertEquals("0.26", Numbers.rate(1 / 3.876));
        assertEquals("0.013", Numbers.rate(0.0129));
        assertEquals("1.5", Numbers.rate(1.54));
        assertEquals("120", Numbers.rate(119.6));
    }
}
