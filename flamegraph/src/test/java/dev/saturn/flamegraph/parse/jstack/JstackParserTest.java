package dev.saturn.flamegraph.parse.jstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.folded.Collapse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fixtures are real dumps of JstackTarget.java and Deadlock.java (beside them in the resources);
 * expected outputs were checked by hand against the dumps, line by line.
 */
class JstackParserTest {
    private static final String SPIN_SUM = "java.lang.Thread.run;JstackTarget$$Lambda$212/0x00007f2944144208.run;JstackTarget.spinSum";
    private static final String SPIN_HASH = "java.lang.Thread.run;JstackTarget$$Lambda$213/0x00007f2944144428.run;JstackTarget.spinHash";
    private static final String REFERENCE_HANDLER = "java.lang.ref.Reference$ReferenceHandler.run;"
            + "java.lang.ref.Reference.processPendingReferences;java.lang.ref.Reference.waitForReferencePendingList";

    @Test
    void threeDumpsGiveRunnableThreadsOnceEachAsStackcollapseJstackDoes() throws IOException {
        Collapse c = Collapse.of(new JstackParser(), resource("three-dumps.txt"));
        assertEquals(""
                + "Monitor Deflation Thread 3\n"
                + "Notification Thread 3\n"
                + "Reference Handler;" + REFERENCE_HANDLER + " 3\n"
                + "Sweeper thread 3\n"
                + "spin-hash;" + SPIN_HASH + " 3\n"
                + "spin-sum;" + SPIN_SUM + " 3\n", c.folded());
        assertEquals(new ParseStats(0, 0, 18), c.stats());
    }

    @Test
    void jcmdThreadPrintWithLockedSynchronizersReadsTheSame() throws IOException {
        Collapse c = Collapse.of(new JstackParser(), resource("jcmd-thread-print.txt"));
        assertEquals(""
                + "Monitor Deflation Thread 1\n"
                + "Notification Thread 1\n"
                + "Reference Handler;" + REFERENCE_HANDLER + " 1\n"
                + "Sweeper thread 1\n"
                + "spin-hash;" + SPIN_HASH + " 1\n"
                + "spin-sum;" + SPIN_SUM + " 1\n", c.folded());
        assertEquals(new ParseStats(0, 0, 6), c.stats());
    }

    @Test
    void deadlockReportIsSkippedAndItsThreadsCountOnce() throws IOException {
        Collapse c = Collapse.of(new JstackParser(), resource("deadlock.txt"));
        assertEquals(""
                + "DestroyJavaVM 1\n"
                + "Monitor Deflation Thread 1\n"
                + "Notification Thread 1\n"
                + "Reference Handler;" + REFERENCE_HANDLER + " 1\n"
                + "Sweeper thread 1\n"
                + "spinner;java.lang.Thread.run;Deadlock$$Lambda$221/0x00007f8b18144648.run;Deadlock.spin 1\n", c.folded());
        assertEquals(0, c.stats().invalidLines());
    }

    @Test
    void allThreadsKeepsEveryJavaThreadWithNamesCleaned() throws IOException {
        Collapse c = Collapse.of(new JstackParser(JstackOptions.DEFAULTS.withAllThreads(true)), resource("three-dumps.txt"));
        assertEquals(19, c.weights().size(), c.folded());
        assertEquals(57, c.stats().stacks());
        assertEquals(3L, c.weights().get("blocked;java.lang.Thread.run;JstackTarget$$Lambda$217/0x00007f2944144ca8.run;JstackTarget.enterLock"));
        assertEquals(3L, c.weights().get("C2 CompilerThread0"));
        assertEquals(3L, c.weights().get("odd:name \"q\" <&> \u001b[1m;java.lang.Thread.run;"
                + "JstackTarget$$Lambda$218/0x00007f2944145000.run;JstackTarget.nap;java.lang.Thread.sleep"));
        assertTrue(c.weights().keySet().stream().noneMatch(s -> s.startsWith("GC Thread")), "VM threads have no Java state");
    }

    @Test
    void withoutThreadNamesFramelessThreadsVanish() throws IOException {
        Collapse c = Collapse.of(new JstackParser(JstackOptions.DEFAULTS.withThreadNames(false)), resource("three-dumps.txt"));
        assertEquals(SPIN_SUM + " 3\n" + SPIN_HASH + " 3\n" + REFERENCE_HANDLER + " 3\n", c.folded());
    }

    @Test
    void threadNumbersAreKeptOnRequest() throws IOException {
        Collapse c = Collapse.of(new JstackParser(JstackOptions.DEFAULTS.withThreadNumbers(true)), resource("three-dumps.txt"));
        assertEquals(3L, c.weights().get("spin-hash-1;" + SPIN_HASH));
    }

    @Test
    void shortenedPackagesKeepClassesWithoutAPackage() throws IOException {
        Collapse c = Collapse.of(new JstackParser(JstackOptions.DEFAULTS.withShortenPackages(true)), resource("three-dumps.txt"));
        assertEquals(3L, c.weights().get("spin-sum;j.l.Thread.run;JstackTarget$$Lambda$212/0x00007f2944144208.run;JstackTarget.spinSum"));
        assertEquals(3L, c.weights().get("Reference Handler;j.l.r.Reference$ReferenceHandler.run;"
                + "j.l.r.Reference.processPendingReferences;j.l.r.Reference.waitForReferencePendingList"));
        assertEquals("j.u.c.ThreadPoolExecutor$Worker.run", JstackParser.shortenPackages("java.util.concurrent.ThreadPoolExecutor$Worker.run"));
        assertEquals("Main.run", JstackParser.shortenPackages("Main.run"));
    }

    @Test
    void runnableThreadsWaitingOnEpollOrSocketsAndJvmThreadsAreLeftOut() throws IOException {
        String dump = thread("pool-1-thread-2", "RUNNABLE", "sun.nio.ch.EPoll.wait", "sun.nio.ch.EPollSelectorImpl.doSelect")
                + thread("acceptor", "RUNNABLE", "java.net.PlainSocketImpl.socketAccept", "java.net.ServerSocket.accept")
                + thread("reader", "RUNNABLE", "java.net.SocketInputStream.socketRead0", "java.net.SocketInputStream.read")
                + thread("C1 CompilerThread3", "RUNNABLE")
                + thread("worker-7", "RUNNABLE", "app.Work.compute", "app.Work.run");
        Collapse c = Collapse.of(new JstackParser(), dump);
        assertEquals("worker;app.Work.run;app.Work.compute 1\n", c.folded());
        Collapse all = Collapse.of(new JstackParser(JstackOptions.DEFAULTS.withAllThreads(true)), dump);
        assertEquals(5, all.stats().stacks());
    }

    @Test
    void lastThreadCountsWithoutATrailingBlankLine() throws IOException {
        String dump = thread("a", "RUNNABLE", "x.Y.z").strip();
        assertEquals("a;x.Y.z 1\n", Collapse.of(new JstackParser(), dump).folded());
    }

    @Test
    void semicolonsBecomeColonsAndControlBytesStay() throws IOException {
        String dump = thread("t;1 \0\u001b<&>\"", "RUNNABLE", "a.B$C;D.run\u001b", "x.Y.main");
        assertEquals("t:1 \0\u001b<&>\";x.Y.main;a.B$C:D.run\u001b 1\n", Collapse.of(new JstackParser(), dump).folded());
    }

    @Test
    void unknownLinesAreCountedAndFramesWithoutAThreadDropped() throws IOException {
        String dump = "\tat orphan.Frame.run(Frame.java:1)\n\nsome noise\n" + thread("b", "RUNNABLE", "b.B.b") + "more noise\n";
        Collapse c = Collapse.of(new JstackParser(), dump);
        assertEquals("b;b.B.b 1\n", c.folded());
        assertEquals(new ParseStats(2, 3, 1), c.stats());
    }

    @Test
    void headerWithoutClosingQuoteIsCounted() throws IOException {
        Collapse c = Collapse.of(new JstackParser(), "\"broken #1 prio=5\n   java.lang.Thread.State: RUNNABLE\n\tat a.B.c(B.java:1)\n");
        assertEquals(1, c.stats().invalidLines());
        assertEquals(1, c.stats().stacks());
    }

    @Test
    void emptyInputGivesNoStacks() throws IOException {
        assertEquals(ParseStats.clean(0), Collapse.of(new JstackParser(), new byte[0]).stats());
    }

    @Test
    void binaryGarbageIsCountedNotThrown() throws IOException {
        byte[] garbage = new byte[256 * 1024];
        new Random(7).nextBytes(garbage);
        Collapse c = Collapse.of(new JstackParser(), garbage);
        assertTrue(c.stats().invalidLines() > 500, c.stats().toString());
        assertEquals("", c.folded());
    }

    @Test
    void megabyteFrameNameIsKept() throws IOException {
        String method = "a.B." + "m".repeat(1 << 20);
        Collapse c = Collapse.of(new JstackParser(), thread("big", "RUNNABLE", method));
        assertEquals(1L, c.weights().get("big;" + method));
    }

    private static String thread(String name, String state, String... framesLeafFirst) {
        StringBuilder b = new StringBuilder();
        b.append('"').append(name).append("\" #20 prio=5 os_prio=0 cpu=1.00ms elapsed=2.00s tid=0x00007f0000000000 nid=0x10 runnable  [0x00007f0000000000]\n");
        b.append("   java.lang.Thread.State: ").append(state).append('\n');
        for (String f : framesLeafFirst) {
            b.append("\tat ").append(f).append("(Native Method)\n");
        }
        return b.append('\n').toString();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JstackParserTest.class.getResourceAsStream("/jstack/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
