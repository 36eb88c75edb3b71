package dev.saturn.flamegraph.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.input.FormatDetector;
import dev.saturn.flamegraph.input.StackReader;
import dev.saturn.flamegraph.parse.CountUnit;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.parse.pprof.PprofOptions;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Stacks written as pprof and read back are the same stacks; what is not a profile is told apart, or refused in one line. */
class PprofRoundTripTest {
    private static final Path REAL_PROFILE = Path.of("src/test/resources/folded/async-profiler-cpu-ann.collapsed");

    private static byte[] pprof(String folded, SampleType type) throws IOException {
        FrameTreeBuilder builder = new FrameTreeBuilder(TreeOptions.defaults());
        StackReader.folded().read(new ByteArrayInputStream(folded.getBytes(StandardCharsets.UTF_8)), builder);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PprofWriter.write(builder.build(), type, out);
        return out.toByteArray();
    }

    private static StackReader.Read read(byte[] input, String sampleType, FoldedStacks into) throws IOException {
        return StackReader.detecting(StackFormat.UNKNOWN, PerfCollapseOptions.defaults(), JfrOptions.DEFAULTS, w -> { })
                .pprof(new PprofOptions(sampleType)).read(new ByteArrayInputStream(input), into);
    }

    private static String folded(FoldedStacks stacks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stacks.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRealProfileComesBackLineForLine() throws IOException {
        String folded = Files.readString(REAL_PROFILE);
        byte[] pb = pprof(folded, SampleType.SAMPLES);
        FoldedStacks back = new FoldedStacks();
        StackReader.Read read = read(pb, null, back);
        assertEquals(StackFormat.PPROF, read.format());
        assertEquals(CountUnit.SAMPLES, read.stats().unit());
        FoldedStacks merged = new FoldedStacks();
        StackReader.folded().read(new ByteArrayInputStream(folded.getBytes(StandardCharsets.UTF_8)), merged);
        assertEquals(folded(merged), folded(back));
    }

    @Test
    void ungzippedProfilesAreToldAndReadToo() throws IOException {
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(pprof("main;work 3\nmain 1\n", SampleType.of("ns", "cpu-clock"))))
                .readAllBytes();
        assertEquals(StackFormat.PPROF, FormatDetector.detect(raw));
        FoldedStacks back = new FoldedStacks();
        StackReader.Read read = read(raw, null, back);
        assertEquals("main 1\nmain;work 3\n", folded(back));
        assertEquals("counts are pprof cpu values, in nanoseconds", read.stats().unit().describe());
    }

    @Test
    void textAndGzippedTextAreNotPprof() throws IOException {
        String folded = Files.readString(REAL_PROFILE);
        assertEquals(StackFormat.FOLDED, FormatDetector.detect(folded.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(folded.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(StackFormat.UNKNOWN, FormatDetector.detect(gz.toByteArray()));
        for (String text : new String[] {"hello world 1\n", "2 a;b 3\n", "p\n", "Hello;World 12\n", "\n\u0008x"}) {
            assertTrue(FormatDetector.detect(text.getBytes(StandardCharsets.UTF_8)) != StackFormat.PPROF, text);
        }
    }

    @Test
    void aCutProfileIsOneLine() throws IOException {
        byte[] pb = pprof(Files.readString(REAL_PROFILE), SampleType.SAMPLES);
        byte[] cut = Arrays.copyOf(pb, pb.length / 2);
        assertEquals(StackFormat.PPROF, FormatDetector.detect(cut));
        IOException e = assertThrows(IOException.class, () -> read(cut, null, new FoldedStacks()));
        assertEquals("the gzip'd profile is cut short (" + cut.length + " bytes)", e.getMessage());
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(pb)).readAllBytes();
        byte[] rawCut = Arrays.copyOf(raw, raw.length - 3);
        IOException e2 = assertThrows(IOException.class, () -> read(rawCut, null, new FoldedStacks()));
        assertTrue(e2.getMessage().startsWith("not a pprof profile: "), e2.getMessage());
        assertEquals(1, e2.getMessage().lines().count());
    }

    @Test
    void anUnknownSampleTypeNamesTheOnesThereAre() throws IOException {
        byte[] pb = pprof("main 1\n", SampleType.of("us", "offcpu"));
        IOException e = assertThrows(IOException.class, () -> read(pb, "cpu", new FoldedStacks()));
        assertEquals("no sample type 'cpu' in the profile; it has off_cpu (microseconds)", e.getMessage());
        FoldedStacks byIndex = new FoldedStacks();
        read(pb, "0", byIndex);
        assertEquals("main 1\n", folded(byIndex));
    }

    @Test
    void sampleTypesFollowTheCountName() {
        assertEquals(SampleType.SAMPLES, SampleType.of("samples", "cpu"));
        assertEquals(new SampleType("off_cpu", "microseconds"), SampleType.of("us", "offcpu"));
        assertEquals(new SampleType("wall", "microseconds"), SampleType.of("us", "wall"));
        assertEquals(new SampleType("cpu", "nanoseconds"), SampleType.of("ns", "cpu-clock:pppH"));
        assertEquals(new SampleType("off_cpu", "microseconds"), SampleType.of("us", "sched:sched_switch"));
        assertEquals(new SampleType("alloc", "bytes"), SampleType.of("bytes", "alloc"));
        assertEquals(new SampleType("page_faults", "count"), SampleType.of("page faults", null));
        assertEquals(new SampleType("space", "bytes"), SampleType.of("bytes", null));
    }
}
