package dev.saturn.collectors.perf;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.saturn.collectors.ProfilingException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every CPU sampled from this JVM through perf_event_open(2), with no perf process: one event per online CPU (cycles
 * where a PMU exists, else cpu-clock, as {@link PerfRecorder#event} decides) at a frequency, with its call chain,
 * timed by CLOCK_MONOTONIC (perf record's {@code -k mono}, the clock of {@link System#nanoTime()}); the kernel writes
 * the process events that name frames (comm, mmap2, fork, exit) into the same per-CPU buffers. {@link #drain} hands
 * over each record as perf record -a -g would have written it in its pipe format, so that {@link #pipeHeader},
 * {@link #attrRecord}, the events perf synthesizes at its start ({@link SynthesizedEvents}), then these records make
 * a stream perf script reads.
 *
 * <p>Each CPU's buffer is {@value #DATA_PAGES} pages; the kernel wakes {@link #drain} when one is half full, which at a
 * low rate is seldom, so drain also returns after its timeout. Events that did not fit are counted ({@link #lost}).
 */
public final class SystemSampler implements AutoCloseable {
    /** perf record -g -a: IP, TID, TIME, CALLCHAIN, ID, CPU, PERIOD. */
    static final long SAMPLE_TYPE = 0x1e7;
    static final int SAMPLE = 9;
    private static final int LOST = 2;
    private static final int DATA_PAGES = 16;
    private static final int CLOCK_MONOTONIC = 1;
    private static final long FLAG_MMAP = 1L << 8;
    private static final long FLAG_COMM = 1L << 9;
    private static final long FLAG_FREQ = 1L << 10;
    private static final long FLAG_TASK = 1L << 13;
    private static final long FLAG_WATERMARK = 1L << 14;
    private static final long FLAG_SAMPLE_ID_ALL = 1L << 18;
    private static final long FLAG_MMAP2 = 1L << 23;
    private static final long FLAG_COMM_EXEC = 1L << 24;
    private static final long FLAG_USE_CLOCKID = 1L << 25;
    private static final int DATA_HEAD = 1024;
    private static final int DATA_TAIL = 1032;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Where drained records go; {@code event} false stops the drain (the reader can keep no more). */
    public interface Records {
        /** A sample in {@code record[0, length)}: the array is reused for the next record. */
        void sample(byte[] record, int length);

        boolean event(byte[] record);
    }

    private final PerfEventOpen perf;
    private String event;
    private final int[] fds;
    private final Pointer[] maps;
    private final ByteBuffer[] buffers;
    private final long mapLength;
    private final int dataOffset;
    private final int dataSize;
    private byte[] attrRecord;
    private final Memory pollFds;
    private final byte[] record = new byte[1 << 16];
    private long lost;
    private boolean closed;

    private SystemSampler(PerfEventOpen perf, String event, int cpus, int pageSize) {
        this.perf = perf;
        this.event = event;
        this.fds = new int[cpus];
        this.maps = new Pointer[cpus];
        this.buffers = new ByteBuffer[cpus];
        this.dataOffset = pageSize;
        this.dataSize = DATA_PAGES * pageSize;
        this.mapLength = (long) pageSize + dataSize;
        Arrays.fill(fds, -1);
        this.pollFds = new Memory(8L * cpus);
    }

    /**
     * Opens and maps an event on every online CPU at {@code frequency} samples a second; throws
     * {@link ProfilingException} with the kernel's reason when it refuses one (nothing stays open then), or when
     * perf_event_open cannot be called from here.
     */
    public static SystemSampler open(int frequency) {
        PerfEventOpen perf;
        try {
            perf = PerfEventOpen.load();
        } catch (UnsupportedOperationException e) {
            throw new ProfilingException(e.getMessage());
        }
        List<Integer> cpus = onlineCpus(Path.of("/sys/devices/system/cpu/online"));
        String event = PerfRecorder.event();
        SystemSampler s = new SystemSampler(perf, event, cpus.size(), perf.pageSize());
        try {
            byte[] attr = s.openAll(cpus, frequency, event.equals("cycles"));
            long[] ids = new long[cpus.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = perf.id(s.fds[i]);
                s.pollFds.setInt(8L * i, s.fds[i]);
                s.pollFds.setShort(8L * i + 4, (short) 1); // POLLIN
                s.pollFds.setShort(8L * i + 6, (short) 0);
            }
            s.attrRecord = PipeRecords.attr(attr, ids);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Opens every CPU's event, cycles falling back to cpu-clock where the PMU refuses it; the attr as opened. */
    private byte[] openAll(List<Integer> cpus, int frequency, boolean cycles) {
        Memory attr = attr(frequency, cycles);
        event = cycles ? "cycles" : "cpu-clock";
        for (int i = 0; i < cpus.size(); i++) {
            int fd = perf.openOnCpu(attr, cpus.get(i));
            if (fd < 0 && i == 0 && cycles) {
                return openAll(cpus, frequency, false);
            }
            if (fd < 0) {
                throw new ProfilingException(refusal(PerfEventOpen.lastErrno(), cpus.get(i)));
            }
            fds[i] = fd;
            maps[i] = perf.mmap(fd, mapLength);
            if (maps[i] == null) {
                throw new ProfilingException("cannot map the ring buffer of CPU " + cpus.get(i) + " (errno " + PerfEventOpen.lastErrno()
                        + "): kernel.perf_event_mlock_kb may be too low");
            }
            buffers[i] = maps[i].getByteBuffer(0, mapLength).order(ByteOrder.nativeOrder());
        }
        return attr.getByteArray(0, PerfEventOpen.ATTR_SIZE);
    }

    private Memory attr(int frequency, boolean cycles) {
        Memory attr = new Memory(PerfEventOpen.ATTR_SIZE);
        attr.clear();
        attr.setInt(0, cycles ? PerfEventOpen.TYPE_HARDWARE : PerfEventOpen.TYPE_SOFTWARE);
        attr.setInt(4, PerfEventOpen.ATTR_SIZE);
        attr.setLong(8, 0); // PERF_COUNT_HW_CPU_CYCLES, PERF_COUNT_SW_CPU_CLOCK
        attr.setLong(16, frequency);
        attr.setLong(24, SAMPLE_TYPE);
        attr.setLong(40, FLAG_MMAP | FLAG_COMM | FLAG_FREQ | FLAG_TASK | FLAG_WATERMARK | FLAG_SAMPLE_ID_ALL | FLAG_MMAP2
                | FLAG_COMM_EXEC | FLAG_USE_CLOCKID);
        attr.setInt(48, dataSize / 2); // wakeup_watermark
        attr.setInt(92, CLOCK_MONOTONIC);
        return attr;
    }

    private static String refusal(int errno, int cpu) {
        String why = switch (errno) {
            case PerfEventOpen.EACCES, PerfEventOpen.EPERM ->
                "not allowed: system-wide sampling needs root, CAP_PERFMON or kernel.perf_event_paranoid <= 0";
            case PerfEventOpen.ENOENT, PerfEventOpen.ENODEV, PerfEventOpen.EOPNOTSUPP -> "the kernel has no such event";
            case PerfEventOpen.EINVAL -> "the kernel refused the event's attributes";
            case PerfEventOpen.EMFILE, PerfEventOpen.ENFILE -> "too many open files";
            default -> "refused";
        };
        return "perf_event_open on CPU " + cpu + ": " + why + " (errno " + errno + ")";
    }

    /** "0-3,6": the CPUs a list of /sys names. */
    static List<Integer> onlineCpus(Path online) {
        List<Integer> cpus = new ArrayList<>();
        try {
            for (String range : Files.readString(online).strip().split(",")) {
                String[] ends = range.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            }
        } catch (IOException | NumberFormatException e) {
            cpus.clear();
            for (int c = 0; c < Runtime.getRuntime().availableProcessors(); c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    /** "cycles" or "cpu-clock". */
    public String event() {
        return event;
    }

    /** perf's pipe header. */
    public byte[] pipeHeader() {
        return PipeRecords.pipeHeader();
    }

    /** HEADER_ATTR: the event as opened, and the ids of its records on each CPU. */
    public byte[] attrRecord() {
        return attrRecord.clone();
    }

    /** Records the kernel could not write, its buffers being full. */
    public synchronized long lost() {
        return lost;
    }

    /**
     * Waits up to {@code timeoutMillis} for a buffer to fill half way, then hands every record written so far to
     * {@code to}: samples as they come, the other events in the order of their time across CPUs (a process's
     * mappings before its exit). False when {@code to} could keep no more.
     */
    public synchronized boolean drain(int timeoutMillis, Records to) {
        if (closed) {
            return true;
        }
        perf.poll(pollFds, fds.length, timeoutMillis);
        List<byte[]> events = new ArrayList<>();
        for (ByteBuffer b : buffers) {
            long head = (long) LONGS.getAcquire(b, DATA_HEAD);
            long tail = (long) LONGS.get(b, DATA_TAIL);
            while (tail < head) {
                copy(b, tail, 8, 0);
                int size = (record[6] & 0xff) | (record[7] & 0xff) << 8;
                if (size < 8) {
                    break;
                }
                copy(b, tail + 8, size - 8, 8);
                tail += size;
                int type = (record[0] & 0xff) | (record[1] & 0xff) << 8;
                if (type == SAMPLE) {
                    to.sample(record, size);
                } else if (type == LOST) {
                    lost += ByteBuffer.wrap(record, 16, 8).order(ByteOrder.nativeOrder()).getLong();
                } else {
                    events.add(Arrays.copyOf(record, size));
                }
            }
            LONGS.setRelease(b, DATA_TAIL, head);
        }
        events.sort(Comparator.comparingLong(SystemSampler::time));
        for (byte[] e : events) {
            if (!to.event(e)) {
                return false;
            }
        }
        return true;
    }

    /** A non-sample event's time: the second u64 of the sample id at its end (TID, TIME, ID, CPU). */
    private static long time(byte[] e) {
        return e.length < PipeRecords.SAMPLE_ID_BYTES + 8 ? 0
                : ByteBuffer.wrap(e, e.length - 24, 8).order(ByteOrder.nativeOrder()).getLong();
    }

    /** Copies {@code length} bytes of the data area from {@code position} into {@link #record} at {@code at}. */
    private void copy(ByteBuffer b, long position, int length, int at) {
        int from = (int) (position % dataSize);
        int first = Math.min(length, dataSize - from);
        b.get(dataOffset + from, record, at, first);
        if (first < length) {
            b.get(dataOffset, record, at + first, length - first);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < fds.length; i++) {
            if (maps[i] != null) {
                perf.munmap(maps[i], mapLength);
                maps[i] = null;
            }
            if (fds[i] >= 0) {
                perf.close(fds[i]);
                fds[i] = -1;
            }
        }
    }
}
