package dev.saturn.collectors.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's events, as `jfr print` counts them (resources/jfr/README.md), and the files that are not recordings. */
class RecordingReaderTest {
    static final Path FIXTURE = Path.of("src/test/resources/jfr/summary-2s.jfr");
    private static final String TARGET = LockTarget.class.getName();

    /** Everything the reader hands over, kept. */
    static final class Events implements RecordingListener {
        final List<MethodSample> samples = new ArrayList<>();
        final List<GcPause> gcs = new ArrayList<>();
        final List<LockWait> waits = new ArrayList<>();
        final List<EventSetting> settings = new ArrayList<>();
        JvmInfo jvm;

        @Override
        public void jvm(JvmInfo info) {
            jvm = info;
        }

        @Override
        public void setting(EventSetting s) {
            settings.add(s);
        }

        @Override
        public void sample(MethodSample s) {
            samples.add(s);
        }

        @Override
        public void gc(GcPause p) {
            gcs.add(p);
        }

        @Override
        public void lockWait(LockWait w) {
            waits.add(w);
        }

        List<LockWait> waits(LockWait.Kind kind) {
            return waits.stream().filter(w -> w.kind() == kind).toList();
        }
    }

    static Events read(Path file) throws RecordingException {
        Events events = new Events();
        RecordingSpan span = RecordingReader.read(file, events);
        assertNull(span.truncated());
        return events;
    }

    @Test
    void fixtureEventsMatchJfrPrint() throws Exception {
        Events e = read(FIXTURE);
        assertEquals(91, e.samples.size());
        assertEquals(90, e.samples.stream().filter(s -> s.frames().get(0).equals(TARGET + ".burn")).count());
        assertEquals(4, e.gcs.size());
        assertEquals(37_318_248L, e.gcs.stream().mapToLong(GcPause::sumOfPausesNs).sum());
        assertEquals("G1Full", e.gcs.get(0).collector());
        List<LockWait> monitors = e.waits(LockWait.Kind.MONITOR_ENTER);
        assertEquals(49, monitors.size());
        assertEquals(1_920_061_609L, monitors.stream().mapToLong(LockWait::durationNs).sum());
        assertTrue(monitors.stream().allMatch(w -> w.objectClass().equals(TARGET + "$Ledger")
                && w.site().equals(TARGET + ".contendMonitor")), monitors.toString());
        List<LockWait> parks = e.waits(LockWait.Kind.PARK);
        assertEquals(46, parks.size());
        assertTrue(parks.stream().allMatch(w -> w.objectClass().equals("java.util.concurrent.locks.ReentrantLock$NonfairSync")
                && w.site().equals(TARGET + ".contendLock")), parks.toString());
        assertTrue(e.settings.contains(new EventSetting("jdk.JavaMonitorEnter", "threshold", "20 ms")), e.settings.toString());
        assertNotNull(e.jvm);
        assertTrue(e.jvm.version().contains("17."), e.jvm.version());
    }

    @Test
    void aFileThatIsNotARecordingSaysWhatToGive(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.jfr"), "hello\n");
        RecordingException e = assertThrows(RecordingException.class, () -> read(text));
        assertTrue(e.getMessage().startsWith(text + " is not a JFR recording"), e.getMessage());
    }

    @Test
    void anEmptyFileSaysHowToDumpARunningRecording(@TempDir Path tmp) throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jfr"));
        RecordingException e = assertThrows(RecordingException.class, () -> read(empty));
        assertTrue(e.getMessage().contains("JFR.dump"), e.getMessage());
    }

    @Test
    void aTruncatedRecordingIsOneLineThatSaysWhatToDo(@TempDir Path tmp) throws Exception {
        byte[] whole = Files.readAllBytes(FIXTURE);
        Path half = Files.write(tmp.resolve("half.jfr"), java.util.Arrays.copyOf(whole, whole.length / 2));
        RecordingException e = assertThrows(RecordingException.class, () -> read(half));
        assertTrue(e.getMessage().startsWith(half + " is a truncated or damaged JFR recording"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aTruncatedLastChunkKeepsTheCompleteChunksBeforeIt(@TempDir Path tmp) throws Exception {
        byte[] chunk = Files.readAllBytes(FIXTURE);
        Path twoChunks = tmp.resolve("killed.jfr");
        Files.write(twoChunks, chunk);
        Files.write(twoChunks, java.util.Arrays.copyOf(chunk, chunk.length / 2), java.nio.file.StandardOpenOption.APPEND);
        Events events = new Events();
        RecordingSpan span = RecordingReader.read(twoChunks, events);
        assertNotNull(span.truncated(), "the damaged chunk is reported");
        assertEquals(91, events.samples.size(), "the first chunk whole, nothing of the second");
        assertEquals(49, events.waits(LockWait.Kind.MONITOR_ENTER).size());
    }

    @Test
    void aMissingFileOrADirectoryIsNamed(@TempDir Path tmp) {
        RecordingException missing = assertThrows(RecordingException.class, () -> read(tmp.resolve("nope.jfr")));
        assertEquals("cannot read " + tmp.resolve("nope.jfr") + ": no such file", missing.getMessage());
        RecordingException dir = assertThrows(RecordingException.class, () -> read(tmp));
        assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
    }
}
