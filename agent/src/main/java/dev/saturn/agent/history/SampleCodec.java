package dev.saturn.agent.history;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.Findings;
import dev.saturn.analyzers.use.ProcessRanking;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Status;
import dev.saturn.analyzers.use.UseReport;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * One report as a few bytes against its {@link Layout}. First a bit field: per slot a 2-bit tag, per
 * cell a 2-bit status and a bit saying its reason differs from the layout's. Then the numbers as
 * zigzag varints and the reasons that differ as string ids (0 = none), in slot and cell order.
 * Values keep three decimals (integers and figures of 10^12 and more are kept whole); findings are
 * recomputed from the cells on the way out.
 *
 * <p>After the cells, the processes behind each resource ({@link ProcessTail}), absent from samples written
 * before them and from an agent run without --processes (its default).
 *
 * <p>Format 2 (layouts written now): tags are unavailable with the layout's reason, zero (no number
 * follows: most error and drop counters, most of the time), a number, unavailable with its own
 * reason; a number's lowest bit says whether it is whole or in thousandths. Format 1 (layouts
 * written before): unavailable, integer, thousandths, unavailable with its own reason.
 */
public final class SampleCodec {
    static final int VERSION = 2;
    static final String NO_PROCESSES = "history keeps no process table";
    private static final int NULL_DEFAULT = 0;
    private static final int INTEGER = 1;
    private static final int MILLI = 2;
    private static final int ZERO = 1;
    private static final int NUMBER = 2;
    private static final int NULL_EXPLICIT = 3;
    private static final Status[] STATUSES = Status.values();

    private SampleCodec() {
    }

    public static byte[] encode(UseReport report, Layout layout, ToIntFunction<String> stringId) {
        Bits bits = new Bits(layout.slotCount() * 2 + layout.cellCount() * 3);
        ByteArrayOutputStream body = new ByteArrayOutputStream(128);
        List<ResourceUse> rows = report.resources();
        for (int r = 0; r < rows.size(); r++) {
            ResourceUse row = rows.get(r);
            Layout.Row shape = layout.rows().get(r);
            List<Cell> cells = List.of(row.utilization(), row.saturation(), row.errors());
            for (int s = 0; s < shape.metrics().size(); s++) {
                String name = shape.metrics().get(s);
                Double v = s < shape.metricCount() ? row.metrics().get(name) : extraValue(cells, name);
                if (v == null) {
                    String reason = s < shape.metricCount() ? row.unavailableMetrics().get(name) : null;
                    if (s >= shape.metricCount() || Objects.equals(reason, shape.metricReasons().get(s))) {
                        bits.put(NULL_DEFAULT, 2);
                    } else {
                        bits.put(NULL_EXPLICIT, 2);
                        varint(body, reason == null ? 0 : stringId.applyAsInt(reason));
                    }
                } else if (layout.codec() == 1) {
                    bits.put(whole(v) ? INTEGER : MILLI, 2);
                    varint(body, zigzag(whole(v) ? Math.round(v) : Math.round(v * 1000)));
                } else if (v == 0) {
                    bits.put(ZERO, 2);
                } else {
                    bits.put(NUMBER, 2);
                    varint(body, whole(v) ? zigzag(Math.round(v)) << 1 : zigzag(Math.round(v * 1000)) << 1 | 1);
                }
            }
            for (int c = 0; c < 3; c++) {
                Cell cell = cells.get(c);
                bits.put(cell.status().ordinal(), 2);
                if (Objects.equals(cell.reason(), shape.cells().get(c).reason())) {
                    bits.put(0, 1);
                } else {
                    bits.put(1, 1);
                    varint(body, cell.reason() == null ? 0 : stringId.applyAsInt(cell.reason()));
                }
            }
        }
        ProcessTail.encode(report.processRankings(), body, stringId);
        byte[] head = bits.bytes();
        byte[] tail = body.toByteArray();
        byte[] out = new byte[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    public static UseReport decode(byte[] data, Layout layout, Instant timestamp, double intervalSeconds,
                                   IntFunction<String> string) {
        int headBytes = (layout.slotCount() * 2 + layout.cellCount() * 3 + 7) / 8;
        Bits bits = new Bits(data, headBytes);
        int[] pos = {headBytes};
        List<ResourceUse> rows = new ArrayList<>(layout.rows().size());
        for (Layout.Row shape : layout.rows()) {
            Double[] slots = new Double[shape.metrics().size()];
            Map<String, Double> metrics = new LinkedHashMap<>();
            Map<String, String> unavailable = new LinkedHashMap<>();
            for (int s = 0; s < slots.length; s++) {
                int tag = bits.get(2);
                String reason = null;
                if (tag == NULL_EXPLICIT) {
                    reason = string.apply((int) readVarint(data, pos));
                } else if (tag == NULL_DEFAULT) {
                    reason = s < shape.metricCount() ? shape.metricReasons().get(s) : null;
                } else if (layout.codec() == 1) {
                    long n = unzigzag(readVarint(data, pos));
                    slots[s] = tag == INTEGER ? (double) n : n / 1000.0;
                } else if (tag == ZERO) {
                    slots[s] = 0.0;
                } else {
                    long n = readVarint(data, pos);
                    slots[s] = (n & 1) == 0 ? (double) unzigzag(n >>> 1) : unzigzag(n >>> 1) / 1000.0;
                }
                if (s < shape.metricCount()) {
                    String name = shape.metrics().get(s);
                    metrics.put(name, slots[s]);
                    if (slots[s] == null && reason != null) {
                        unavailable.put(name, reason);
                    }
                }
            }
            Cell[] cells = new Cell[3];
            for (int c = 0; c < 3; c++) {
                Layout.CellShape cs = shape.cells().get(c);
                Status status = STATUSES[bits.get(2)];
                String reason = bits.get(1) == 0 ? cs.reason() : string.apply((int) readVarint(data, pos));
                Double value = cs.slot() < 0 ? null : slots[cs.slot()];
                cells[c] = new Cell(cs.metric(), value, cs.unit(), status, reason);
            }
            rows.add(new ResourceUse(shape.resource(), shape.device(), cells[0], cells[1], cells[2],
                    Collections.unmodifiableMap(metrics), Collections.unmodifiableMap(unavailable)));
        }
        List<ProcessRanking> rankings = pos[0] < data.length ? ProcessTail.decode(data, pos, string) : List.of();
        return new UseReport(layout.host(), layout.kernel(), layout.cpuModel(), layout.cpus(), layout.memoryBytes(),
                intervalSeconds, timestamp, List.copyOf(rows), Findings.of(rows), List.of(), NO_PROCESSES, List.of(), rankings);
    }

    /**
     * Only the cells' values and statuses of a sample, in the layout's row order, three per row: what a
     * downsampled series needs, without the report, its maps and its findings. {@code values} gets NaN where a
     * cell has no value; {@code statuses} gets each cell's {@link Status} ordinal.
     */
    public static void cells(byte[] data, Layout layout, double[] values, byte[] statuses) {
        int headBytes = (layout.slotCount() * 2 + layout.cellCount() * 3 + 7) / 8;
        Bits bits = new Bits(data, headBytes);
        int[] pos = {headBytes};
        int cell = 0;
        double[] slots = new double[16];
        for (Layout.Row shape : layout.rows()) {
            int n = shape.metrics().size();
            if (slots.length < n) {
                slots = new double[n];
            }
            for (int s = 0; s < n; s++) {
                int tag = bits.get(2);
                if (tag == NULL_EXPLICIT) {
                    readVarint(data, pos);
                    slots[s] = Double.NaN;
                } else if (tag == NULL_DEFAULT) {
                    slots[s] = Double.NaN;
                } else if (layout.codec() == 1) {
                    long v = unzigzag(readVarint(data, pos));
                    slots[s] = tag == INTEGER ? (double) v : v / 1000.0;
                } else if (tag == ZERO) {
                    slots[s] = 0.0;
                } else {
                    long v = readVarint(data, pos);
                    slots[s] = (v & 1) == 0 ? (double) unzigzag(v >>> 1) : unzigzag(v >>> 1) / 1000.0;
                }
            }
            for (int c = 0; c < 3; c++, cell++) {
                int slot = shape.cells().get(c).slot();
                statuses[cell] = (byte) bits.get(2);
                if (bits.get(1) != 0) {
                    readVarint(data, pos);
                }
                values[cell] = slot < 0 ? Double.NaN : slots[slot];
            }
        }
    }

    private static Double extraValue(List<Cell> cells, String metric) {
        for (Cell c : cells) {
            if (c.metric().equals(metric)) {
                return c.value();
            }
        }
        return null;
    }

    private static boolean whole(double v) {
        return v == Math.rint(v) || Math.abs(v) >= 1e12;
    }

    static long zigzagOf(long v) {
        return zigzag(v);
    }

    static long unzigzagOf(long v) {
        return unzigzag(v);
    }

    static void writeVarint(ByteArrayOutputStream out, long v) {
        varint(out, v);
    }

    static long varintAt(byte[] in, int[] pos) {
        return readVarint(in, pos);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] in, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in[pos[0]++];
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }

    /** A little-endian bit field of fixed length. */
    private static final class Bits {
        private final byte[] bytes;
        private int bit;

        Bits(int length) {
            this.bytes = new byte[(length + 7) / 8];
        }

        Bits(byte[] data, int length) {
            if (data.length < length) {
                throw new IllegalArgumentException("sample of " + data.length + " bytes is shorter than its layout's " + length);
            }
            this.bytes = data;
        }

        void put(int value, int width) {
            for (int i = 0; i < width; i++, bit++) {
                if ((value >> i & 1) != 0) {
                    bytes[bit >> 3] |= (byte) (1 << (bit & 7));
                }
            }
        }

        /** Up to 8 bits; read two bytes at a time rather than bit by bit (a week of samples is 200 million bits). */
        int get(int width) {
            int i = bit >> 3;
            int v = bytes[i] & 0xFF;
            if (i + 1 < bytes.length) {
                v |= (bytes[i + 1] & 0xFF) << 8;
            }
            v = v >>> (bit & 7) & (1 << width) - 1;
            bit += width;
            return v;
        }

        byte[] bytes() {
            return bytes;
        }
    }
}
