package dev.saturn.flamegraph.parse.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.folded.Collapse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against stacks-2s.jfr (see its README for how it was recorded and what it holds), and recordings made here. */
class JfrParserTest {
    private static final String TARGET = "dev.saturn.flamegraph.parse.jfr.JfrTarget";

    static volatile Object keep;

    @TempDir
    Path tmp;

    @Test
    void cpuCountsExecutionSamplesRootFirst() throws IOException {
        Collapse c = collapse(JfrOptions.of(JfrEvent.CPU));
        assertEquals(ParseStats.clean(192), c.stats());
        assertEquals(1, c.weights().size(), c.folded());
        String stack = c.weights().keySet().iterator().next();
        assertTrue(stack.startsWith("java.lang.Thread.run;"), stack);
        assertTrue(stack.endsWith(";" + TARGET + ".lambda$main$1;" + TARGET + ".burn"), stack);
        assertEquals(192, c.total());
    }

    @Test
    void wallAddsNativeMethodSamplesOfWhichThisRecordingHasNone() throws IOException {
        assertEquals(collapse(JfrOptions.of(JfrEvent.CPU)).folded(), collapse(JfrOptions.of(JfrEvent.WALL)).folded());
    }

    @Test
    void allocWeighsBytesWithTheAllocatedClassAsLeaf() throws IOException {
        Collapse c = collapse(JfrOptions.of(JfrEvent.ALLOC));
        // 307 samples of 1,419,333,392 bytes; one, a 1360-byte String, has no stack trace
        assertEquals(ParseStats.clean(306), c.stats());
        assertEquals(1_419_333_392L - 1360, c.total());
        Map.Entry<String, Long> top = c.weights().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        assertTrue(top.getKey().endsWith(";" + TARGET + ".allocate;byte[]"), top.getKey());
        assertTrue(top.getValue() > c.total() * 98 / 100);
    }

    @Test
    void lockWeighsNanosecondsOfMonitorEntryAndPark() throws IOException {
        Collapse c = collapse(JfrOptions.of(JfrEvent.LOCK));
        assertEquals(ParseStats.clean(27 + 66), c.stats());
        assertEquals(3_915_745_745L, c.total(), 93);
        long monitor = sum(c, s -> s.endsWith(";" + TARGET + ".contendMonitor;java.lang.Object"));
        long park = sum(c, s -> s.contains(";" + TARGET + ".contendLock;java.util.concurrent.locks.ReentrantLock.lock;")
                && s.endsWith(";jdk.internal.misc.Unsafe.park;java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertEquals(c.total(), monitor + park);
        assertTrue(monitor > 1_000_000_000L, "27 entries of tens of ms: " + monitor);
    }

    @Test
    void threadNamesLineNumbersAndFrameTypesOnRequest() throws IOException {
        JfrOptions options = JfrOptions.of(JfrEvent.CPU).withThreadNames(true).withLineNumbers(true).withFrameTypes(true);
        Collapse c = collapse(options);
        assertEquals(3, c.weights().size(), c.folded());
        for (String stack : c.weights().keySet()) {
            assertTrue(stack.startsWith("burner;java.lang.Thread.run:840_[0];"), stack);
            assertTrue(stack.matches(".*;" + TARGET.replace(".", "\\.").replace("$", "\\$") + "\\.burn:(19|20)_\\[j]"), stack);
        }
        assertEquals(160L, c.weights().get("burner;java.lang.Thread.run:840_[0];" + lambda("84+0x00007f36e8007400.715521683") + "_[0];"
                + TARGET + ".lambda$loop$0:60_[0];" + lambda("83+0x00007f36e8007c08.992802731") + "_[j];"
                + TARGET + ".lambda$main$1:72_[i];" + TARGET + ".burn:20_[j]"));
    }

    @Test
    void classFramesCanBeLeftOutAndCarryAsyncProfilerSuffixes() throws IOException {
        Collapse plain = collapse(JfrOptions.of(JfrEvent.LOCK).withClassFrames(false));
        assertTrue(plain.weights().keySet().stream().allMatch(s -> s.endsWith(".contendMonitor") || s.endsWith("Unsafe.park")), plain.folded());
        Collapse typed = collapse(JfrOptions.of(JfrEvent.ALLOC).withFrameTypes(true));
        assertTrue(typed.weights().keySet().stream().anyMatch(s -> s.endsWith(".allocate_[0];byte[]_[i]") || s.endsWith(".allocate_[j];byte[]_[i]")),
                typed.folded());
    }

    @Test
    void inputStreamIsSpooledAndReadTheSame() throws IOException {
        try (InputStream in = Files.newInputStream(fixture())) {
            assertEquals(collapse(JfrOptions.of(JfrEvent.ALLOC)), Collapse.of(new JfrParser(JfrOptions.of(JfrEvent.ALLOC)), in));
        }
    }

    @Test
    void truncatedRecordingIsOneLineIOException() throws IOException {
        byte[] whole = Files.readAllBytes(fixture());
        for (int length : new int[] {0, 3, 10, 68, 1000, whole.length / 2, whole.length - 1}) {
            Path cut = tmp.resolve("cut-" + length + ".jfr");
            Files.write(cut, Arrays.copyOf(whole, length));
            IOException e = assertThrows(IOException.class, () -> new JfrParser(JfrOptions.of(JfrEvent.CPU)).parse(cut, new FoldedStacks()));
            assertTrue(e.getMessage().startsWith(cut + " is not a complete JFR recording: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void garbageBehindTheMagicAndPlainGarbageAreIOExceptions() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        byte[] magic = garbage.clone();
        System.arraycopy(new byte[] {'F', 'L', 'R', 0}, 0, magic, 0, 4);
        for (byte[] bytes : new byte[][] {garbage, magic}) {
            IOException e = assertThrows(IOException.class,
                    () -> Collapse.of(new JfrParser(JfrOptions.of(JfrEvent.CPU)), bytes));
            assertTrue(e.getMessage().startsWith("the JFR input is not a complete JFR recording: "), e.getMessage());
        }
    }

    @Test
    void missingFileKeepsItsOwnException() {
        assertThrows(NoSuchFileException.class,
                () -> new JfrParser(JfrOptions.of(JfrEvent.CPU)).parse(tmp.resolve("absent.jfr"), new FoldedStacks()));
    }

    @Test
    void threadNamesWithSemicolonsControlsMarkupAndNonAsciiBecomeSafeUtf8Frames() throws Exception {
        Path file = tmp.resolve("names.jfr");
        String name = "t;1\0\u001b[1m<&>\"\n\u00e9\u4e2d";
        try (Recording r = new Recording()) {
            r.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
            r.start();
            Thread t = new Thread(() -> LockSupport.parkNanos(this, 1_000_000), name);
            t.start();
            t.join();
            r.stop();
            r.dump(file);
        }
        Collapse c = collapse(file, JfrOptions.of(JfrEvent.LOCK).withThreadNames(true));
        // the JVM records a NUL in modified UTF-8 (C0 80), which RecordingFile reads as two U+FFFD
        String replacement = "\u00ef\u00bf\u00bd";
        String root = "t:1" + replacement + replacement + "\u001b[1m<&>\" \u00c3\u00a9\u00e4\u00b8\u00ad";
        String stack = c.weights().keySet().stream().filter(s -> s.startsWith(root + ";")).findFirst().orElseThrow(() -> new AssertionError(c.folded()));
        assertTrue(stack.endsWith(";java.util.concurrent.locks.LockSupport.parkNanos;jdk.internal.misc.Unsafe.park;" + getClass().getName()), stack);
    }

    @Test
    void namesKeepControlCharactersButNotSemicolonsOrLineBreaks() {
        assertEquals("a:b\0\u001b\u007f<&>\"  c", FrameNames.clean("a;b\0\u001b\u007f<&>\"\r\nc"));
        assertEquals("\u00c3\u00a9", FrameNames.clean("\u00e9"));
    }

    @Test
    void jfrClassNamesGetTheirJavaSpelling() {
        assertEquals("byte[]", FrameNames.javaClassName("[B"));
        assertEquals("java.lang.String[][]", FrameNames.javaClassName("[[Ljava.lang.String;"));
        assertEquals("java.lang.Object", FrameNames.javaClassName("java.lang.Object"));
        assertEquals("[", FrameNames.javaClassName("["));
    }

    @Test
    void tlabEventsStandInOnlyWhenTheRecordingHasNoAllocationSamples() throws Exception {
        Path tlabOnly = recordAllocations("tlab.jfr", false);
        Collapse c = collapse(tlabOnly, JfrOptions.of(JfrEvent.ALLOC));
        long mine = sum(c, s -> s.contains(getClass().getName() + ".churn;"));
        assertTrue(mine >= 16L << 20, "TLAB sizes and outside-TLAB sizes in bytes: " + mine + "\n" + c.folded());

        Path both = recordAllocations("both.jfr", true);
        assertEquals(count(both, "jdk.ObjectAllocationSample"), collapse(both, JfrOptions.of(JfrEvent.ALLOC)).stats().stacks());
    }

    private Path recordAllocations(String name, boolean withSamples) throws Exception {
        Path file = tmp.resolve(name);
        try (Recording r = new Recording()) {
            r.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
            r.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            if (withSamples) {
                r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s").withStackTrace();
            }
            r.start();
            churn(64L << 20);
            r.stop();
            r.dump(file);
        }
        return file;
    }

    private static void churn(long bytes) {
        for (long done = 0; done < bytes; done += 8192) {
            keep = new byte[8192];
        }
    }

    private static long count(Path file, String eventType) throws IOException {
        long n = 0;
        try (RecordingFile f = new RecordingFile(file)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                n += e.getEventType().getName().equals(eventType) && e.getStackTrace() != null ? 1 : 0;
            }
        }
        return n;
    }

    private static String lambda(String id) {
        return TARGET + "$$Lambda$" + id + ".run";
    }

    private static long sum(Collapse c, Predicate<String> stacks) {
        return c.weights().entrySet().stream().filter(e -> stacks.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static Collapse collapse(JfrOptions options) throws IOException {
        return collapse(fixture(), options);
    }

    static Collapse collapse(Path recording, JfrOptions options) throws IOException {
        FoldedStacks stacks = new FoldedStacks();
        ParseStats stats = new JfrParser(options).parse(recording, stacks);
        return Collapse.of(stacks, stats);
    }

    private static Path fixture() {
        try {
            return Path.of(JfrParserTest.class.getResource("/jfr/stacks-2s.jfr").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
