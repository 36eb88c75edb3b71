package dev.saturn.profiling.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ring's memory under synthetic perf events: many distinct stacks, many short-lived processes. */
class EventRingTest {
    private static final long SECOND = 1_000_000_000L;
    /** ip, tid, time, callchain, id, cpu, period: what perf record -g -a asks for. */
    private static final long SAMPLE_TYPE = 0x1e7;

    @Test
    void manyDistinctStacksStayWithinTheCapAndTheRestIsCounted() {
        EventRing ring = started(30, 64 * 1024, 1 << 20);
        long pc = 0x400000;
        // 300 seconds of 2,000 samples a second, each a stack of 40 frames never seen before
        for (long s = 1000; s < 1300; s++) {
            for (int i = 0; i < 2000; i++) {
                assertTrue(ring.accept(sample(4242, s * SECOND + i * 1000L, 40, pc += 40)));
            }
            assertTrue(ring.sampleBytes() <= 30L * 64 * 1024, ring.sampleBytes() + " bytes of samples held");
        }
        EventRing.Part part = ring.before(1300 * SECOND + SECOND / 2, 30);
        assertEquals(30, part.seconds());
        assertEquals(30 * 2000, part.samples(), "every sample counted, kept or not");
        int perSecond = 64 * 1024 / sample(1, 0, 40, 0).length;
        assertEquals(30L * (2000 - perSecond), part.overCapSamples());
        assertTrue(part.data().length < 30 * 64 * 1024 + 4096, part.data().length + " bytes for perf script");
    }

    @Test
    void theEventsOfExitedProcessesAreForgottenOnceTheirSamplesAreGone() {
        EventRing ring = started(30, 64 * 1024, 1 << 20);
        long before = ring.eventBytes();
        // a process a second, each with a comm, 20 mappings, a sample and an exit, for 10 minutes
        for (int s = 0; s < 600; s++) {
            int pid = 10_000 + s;
            long t = (1000L + s) * SECOND;
            ring.accept(comm(pid, "job-" + s, t));
            for (int m = 0; m < 20; m++) {
                ring.accept(mmap2(pid, "/usr/lib/libjob" + m + ".so", t + m));
            }
            ring.accept(sample(pid, t + 100, 10, 0x1000));
            ring.accept(exit(pid, t + 200));
            // 30 s of ring, 5 s of grace, forgotten every 5 s: at most 42 processes of 2,752 bytes each
            assertTrue(ring.eventBytes() - before <= 42 * 2752, "at most the last 42 processes' events: " + ring.eventBytes());
        }
        // a live process's mappings stay however long ago they came
        ring.accept(mmap2(7, "/usr/bin/server", 1600 * SECOND));
        for (int s = 1600; s < 1700; s++) {
            ring.accept(sample(7, s * SECOND, 10, 0x1000));
        }
        String kept = new String(ring.before(1700 * SECOND, 30).data(), StandardCharsets.ISO_8859_1);
        assertTrue(kept.contains("/usr/bin/server"));
        assertFalse(kept.contains("job-1\0"), "a process that exited long ago is forgotten");
    }

    @Test
    void aProcessWithNoSampleInTheRingIsForgottenSecondsAfterItExits() {
        EventRing ring = started(30, 64 * 1024, 1 << 20);
        long before = ring.eventBytes();
        // ten processes a second that exit unsampled (a build's shells), while a server is sampled every second
        ring.accept(mmap2(7, "/usr/bin/server", 999 * SECOND));
        for (int s = 0; s < 120; s++) {
            long t = (1000L + s) * SECOND;
            for (int i = 0; i < 10; i++) {
                int pid = 20_000 + s * 10 + i;
                ring.accept(comm(pid, "sh", t));
                ring.accept(mmap2(pid, "/usr/bin/dash", t + 1));
                ring.accept(exit(pid, t + 2));
            }
            ring.accept(sample(7, t + 100, 10, 0x1000));
            // forgotten 2 s after the exit, looked at every 2 s: at most 5 seconds of them
            assertTrue(ring.eventBytes() - before <= 128 + 5 * 10 * 256, ring.eventBytes() + " bytes of events");
        }
        assertTrue(new String(ring.before(1120 * SECOND, 30).data(), StandardCharsets.ISO_8859_1).contains("/usr/bin/server"));
    }

    @Test
    void theThreadsOfALiveProcessAreForgottenOnceTheyExit() {
        EventRing ring = started(30, 64 * 1024, 1 << 20);
        ring.accept(mmap2(7, "/usr/bin/server", 999 * SECOND));
        long before = ring.eventBytes();
        // a server that starts and ends a thread a second for 10 minutes: its thread pool
        for (int s = 0; s < 600; s++) {
            long t = (1000L + s) * SECOND;
            int tid = 30_000 + s;
            ring.accept(thread(7, tid, 7, t));
            ring.accept(threadComm(7, tid, "worker-" + s, t));
            ring.accept(threadExit(7, tid, t + 1));
            ring.accept(sample(7, t + 100, 10, 0x1000));
            assertTrue(ring.eventBytes() - before <= 42 * 3 * 64, ring.eventBytes() + " bytes of events");
        }
        assertTrue(new String(ring.before(1600 * SECOND, 30).data(), StandardCharsets.ISO_8859_1).contains("/usr/bin/server"));
    }

    @Test
    void overTheEventBoundTheCallerStartsOver() {
        EventRing ring = started(30, 64 * 1024, 64 * 1024);
        boolean kept = true;
        for (int pid = 1; pid < 10_000 && kept; pid++) {
            kept = ring.accept(mmap2(pid, "/opt/app/lib" + pid + ".so", SECOND));
        }
        assertFalse(kept, "live processes' events over the bound");
        ring.clear();
        assertNull(ring.before(2 * SECOND, 30), "nothing after a clear until a new stream's header");
    }

    private static EventRing started(int seconds, int maxSampleBytes, long maxEventBytes) {
        EventRing ring = new EventRing(seconds, maxSampleBytes, maxEventBytes);
        ByteBuffer h = le(16).put("PERFILE2".getBytes(StandardCharsets.ISO_8859_1)).putLong(16);
        ring.header(h.array());
        // PERF_RECORD_HEADER_ATTR: the attr (128 bytes: type, size, config, period, sample_type, ...) and one id
        ByteBuffer attr = le(8 + 128 + 8).putInt(64).putShort((short) 0).putShort((short) (8 + 128 + 8))
                .putInt(1).putInt(128).putLong(0).putLong(19).putLong(SAMPLE_TYPE);
        ring.accept(attr.array());
        return ring;
    }

    private static byte[] sample(int pid, long time, int frames, long firstPc) {
        int size = 8 + 8 + 8 + 8 + 8 + 8 * frames + 8 + 8 + 8;
        ByteBuffer b = le(size).putInt(9).putShort((short) 2).putShort((short) size)
                .putLong(firstPc).putInt(pid).putInt(pid).putLong(time).putLong(frames);
        for (int i = 0; i < frames; i++) {
            b.putLong(firstPc + i);
        }
        return b.putLong(1).putInt(0).putInt(0).putLong(52_631_578).array();
    }

    private static byte[] comm(int pid, String name, long time) {
        byte[] n = pad(name);
        int size = 8 + 8 + n.length + 32;
        return trailer(le(size).putInt(3).putShort((short) 0).putShort((short) size).putInt(pid).putInt(pid).put(n), pid, time);
    }

    private static byte[] mmap2(int pid, String file, long time) {
        byte[] f = pad(file);
        int size = 8 + 8 + 24 + 24 + 8 + f.length + 32;
        ByteBuffer b = le(size).putInt(10).putShort((short) 2).putShort((short) size).putInt(pid).putInt(pid)
                .putLong(0x400000).putLong(0x1000).putLong(0).putInt(8).putInt(1).putLong(42).putLong(0).putInt(5).putInt(2).put(f);
        return trailer(b, pid, time);
    }

    private static byte[] exit(int pid, long time) {
        int size = 8 + 16 + 8 + 32;
        return trailer(le(size).putInt(4).putShort((short) 0).putShort((short) size).putInt(pid).putInt(1).putInt(pid).putInt(1)
                .putLong(time), pid, time);
    }

    private static byte[] thread(int pid, int tid, int parent, long time) {
        int size = 8 + 16 + 8 + 32;
        return trailer(le(size).putInt(7).putShort((short) 0).putShort((short) size).putInt(pid).putInt(pid).putInt(tid).putInt(parent)
                .putLong(time), pid, time);
    }

    private static byte[] threadComm(int pid, int tid, String name, long time) {
        byte[] n = pad(name);
        int size = 8 + 8 + n.length + 32;
        return trailer(le(size).putInt(3).putShort((short) 0).putShort((short) size).putInt(pid).putInt(tid).put(n), pid, time);
    }

    private static byte[] threadExit(int pid, int tid, long time) {
        int size = 8 + 16 + 8 + 32;
        return trailer(le(size).putInt(4).putShort((short) 0).putShort((short) size).putInt(pid).putInt(pid).putInt(tid).putInt(pid)
                .putLong(time), pid, time);
    }

    /** sample_id_all: pid and tid, time, id, cpu. */
    private static byte[] trailer(ByteBuffer b, int pid, long time) {
        return b.putInt(pid).putInt(pid).putLong(time).putLong(1).putInt(0).putInt(0).array();
    }

    private static byte[] pad(String s) {
        byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] padded = new byte[(raw.length / 8 + 1) * 8];
        System.arraycopy(raw, 0, padded, 0, raw.length);
        return padded;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
