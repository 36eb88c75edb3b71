package dev.saturn.flamegraph.parse.pprof;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Whether the first bytes of an input are a pprof profile: gzip'd or not, the bytes (inflated as
 * far as the head goes) are protobuf whose top-level fields are all profile.proto's, each with its
 * wire type, up to the end or the first field that runs past the head; at least one sample type
 * (field 1) or two fields in all. Text never passes: its bytes make field numbers and wire types
 * that profile.proto does not have within a few fields.
 */
public final class PprofShape {
    /** How much of an inflated head is looked at. */
    private static final int INFLATED_HEAD = 64 * 1024;

    private PprofShape() {
    }

    public static boolean matches(byte[] head, int length) {
        if (PprofParser.gzipped(head, length)) {
            byte[] inflated = inflateHead(head, length);
            return inflated != null && protobuf(inflated, inflated.length);
        }
        return protobuf(head, length);
    }

    /** What the gzip member in the head inflates to, as far as the head goes; null when it is not deflate. */
    private static byte[] inflateHead(byte[] head, int length) {
        int start = gzipHeaderEnd(head, length);
        if (start < 0) {
            return null;
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(head, start, length - start);
            byte[] out = new byte[INFLATED_HEAD];
            int n = 0;
            while (n < out.length && !inflater.finished() && !inflater.needsInput()) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                n += k;
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** RFC 1952: the header's end, past the optional extra field, name, comment and CRC; -1 when it is not there. */
    private static int gzipHeaderEnd(byte[] b, int length) {
        if (length < 10 || b[2] != 8) {
            return -1;
        }
        int flags = b[3] & 0xFF;
        int p = 10;
        if ((flags & 4) != 0) {
            if (p + 2 > length) {
                return -1;
            }
            p += 2 + ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8);
        }
        for (int bit : new int[] {8, 16}) {
            if ((flags & bit) != 0) {
                while (p < length && b[p] != 0) {
                    p++;
                }
                p++;
            }
        }
        if ((flags & 2) != 0) {
            p += 2;
        }
        return p < length ? p : -1;
    }

    private static boolean protobuf(byte[] bytes, int length) {
        int p = 0;
        int fields = 0;
        boolean sampleType = false;
        while (p < length) {
            long tag = 0;
            int shift = 0;
            while (true) {
                if (p >= length || shift > 28) {
                    return p >= length && fields > 0 && (sampleType || fields >= 2);
                }
                byte b = bytes[p++];
                tag |= (long) (b & 0x7F) << shift;
                shift += 7;
                if (b >= 0) {
                    break;
                }
            }
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (!profileField(field, wire)) {
                return false;
            }
            if (wire == 0) {
                while (p < length && bytes[p] < 0) {
                    p++;
                }
                p++;
            } else {
                long len = 0;
                shift = 0;
                while (true) {
                    if (p >= length || shift > 35) {
                        return fields > 0 && (sampleType || fields >= 2);
                    }
                    byte b = bytes[p++];
                    len |= (long) (b & 0x7F) << shift;
                    shift += 7;
                    if (b >= 0) {
                        break;
                    }
                }
                p += (int) Math.min(len, Integer.MAX_VALUE - p);
            }
            if (p > length) {
                return fields > 0 && (sampleType || fields >= 2);
            }
            fields++;
            sampleType |= field == 1;
        }
        return fields > 0 && (sampleType || fields >= 2);
    }

    /**
     * profile.proto's Profile: sample_type, sample, mapping, location, function, string_table,
     * period_type and comment (packed) are length-delimited; drop_frames, keep_frames, time_nanos,
     * duration_nanos, period and default_sample_type are varints (comment may be too, unpacked).
     */
    private static boolean profileField(int field, int wire) {
        return switch (field) {
            case 1, 2, 3, 4, 5, 6, 11 -> wire == 2;
            case 7, 8, 9, 10, 12, 14 -> wire == 0;
            case 13 -> wire == 0 || wire == 2;
            default -> false;
        };
    }
}
