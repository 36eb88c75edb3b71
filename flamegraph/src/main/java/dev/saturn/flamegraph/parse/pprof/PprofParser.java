package dev.saturn.flamegraph.parse.pprof;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.CountUnit;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * pprof profiles in (profile.proto, gzip'd as Go and pprof write them, or not): each sample becomes
 * a stack of function names, root first, weighed by one of its values ({@link PprofOptions}: the
 * first sample type unless another is asked for). A location's inlined functions are frames of
 * their own, as {@code go tool pprof} shows them; a location without function names is its address.
 * A file that is not a profile, or is cut short, is an IOException with a one-line message.
 */
public final class PprofParser implements StackParser {
    // profile.proto's field numbers
    private static final int PROFILE_SAMPLE_TYPE = 1;
    private static final int PROFILE_SAMPLE = 2;
    private static final int PROFILE_LOCATION = 4;
    private static final int PROFILE_FUNCTION = 5;
    private static final int PROFILE_STRING_TABLE = 6;
    private static final int SAMPLE_LOCATION_ID = 1;
    private static final int SAMPLE_VALUE = 2;
    private static final int LOCATION_ID = 1;
    private static final int LOCATION_ADDRESS = 3;
    private static final int LOCATION_LINE = 4;
    private static final int LINE_FUNCTION_ID = 1;
    private static final int FUNCTION_ID = 1;
    private static final int FUNCTION_NAME = 2;
    private static final int FUNCTION_SYSTEM_NAME = 3;

    private final PprofOptions options;

    public PprofParser(PprofOptions options) {
        this.options = options;
    }

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        byte[] profile = uncompressed(in.readAllBytes());
        try {
            return parse(profile, sink);
        } catch (ProtoReader.Malformed e) {
            throw new IOException("not a pprof profile: " + e.getMessage());
        }
    }

    /** gzip'd bytes inflated; others as they are. */
    static byte[] uncompressed(byte[] bytes) throws IOException {
        if (!gzipped(bytes, bytes.length)) {
            return bytes;
        }
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            return gzip.readAllBytes();
        } catch (EOFException e) {
            throw new IOException("the gzip'd profile is cut short (" + bytes.length + " bytes)");
        } catch (ZipException e) {
            throw new IOException("the gzip'd profile is damaged: " + e.getMessage());
        }
    }

    static boolean gzipped(byte[] bytes, int length) {
        return length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    }

    private ParseStats parse(byte[] profile, StackSink sink) throws ProtoReader.Malformed, IOException {
        List<String> strings = new ArrayList<>();
        List<long[]> sampleTypes = new ArrayList<>();
        Map<Long, long[]> functions = new HashMap<>();
        List<ProtoReader> locationMessages = new ArrayList<>();
        ProtoReader r = new ProtoReader(profile, 0, profile.length);
        while (r.next()) {
            switch (r.field()) {
                case PROFILE_STRING_TABLE -> strings.add(r.string());
                case PROFILE_SAMPLE_TYPE -> sampleTypes.add(valueType(r.message()));
                case PROFILE_LOCATION -> locationMessages.add(r.message());
                case PROFILE_FUNCTION -> function(r.message(), functions);
                default -> {
                }
            }
        }
        if (sampleTypes.isEmpty()) {
            throw new IOException("not a pprof profile: it has no sample type");
        }
        int index = sampleIndex(sampleTypes, strings);
        Map<Long, String> locations = new HashMap<>();
        for (ProtoReader location : locationMessages) {
            location(location, functions, strings, locations);
        }
        ProtoReader.LongList ids = new ProtoReader.LongList();
        ProtoReader.LongList values = new ProtoReader.LongList();
        StringBuilder stack = new StringBuilder(256);
        long stacks = 0;
        long invalid = 0;
        long first = 0;
        long sampleNumber = 0;
        r = new ProtoReader(profile, 0, profile.length);
        while (r.next()) {
            if (r.field() != PROFILE_SAMPLE) {
                continue;
            }
            sampleNumber++;
            ids.clear();
            values.clear();
            ProtoReader sample = r.message();
            while (sample.next()) {
                if (sample.field() == SAMPLE_LOCATION_ID) {
                    sample.repeated(ids);
                } else if (sample.field() == SAMPLE_VALUE) {
                    sample.repeated(values);
                }
            }
            if (values.size() != sampleTypes.size() || ids.size() == 0) {
                invalid++;
                first = first == 0 ? sampleNumber : first;
                continue;
            }
            long weight = values.get(index);
            if (weight <= 0) {
                continue;
            }
            stack.setLength(0);
            for (int i = ids.size() - 1; i >= 0; i--) {
                String frames = locations.get(ids.get(i));
                if (frames == null) {
                    frames = "[unknown location " + ids.get(i) + "]";
                }
                if (stack.length() > 0) {
                    stack.append(';');
                }
                stack.append(frames);
            }
            sink.accept(stack.toString(), weight);
            stacks++;
        }
        return new ParseStats(invalid, first, stacks, unit(sampleTypes.get(index), strings));
    }

    /** The index of the sample type asked for, else the first; a name that is none of them is an error that lists them. */
    private int sampleIndex(List<long[]> types, List<String> strings) throws IOException {
        String wanted = options.sampleType();
        if (wanted == null) {
            return 0;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String type = string(strings, types.get(i)[0]);
            if (type.equals(wanted) || wanted.equals(Integer.toString(i))) {
                return i;
            }
            names.add(type + " (" + string(strings, types.get(i)[1]) + ")");
        }
        throw new IOException("no sample type '" + wanted + "' in the profile; it has " + String.join(", ", names));
    }

    /** samples/count is samples; another count is named by its type (contentions); else by its unit (nanoseconds). */
    private static CountUnit unit(long[] type, List<String> strings) {
        String name = string(strings, type[0]);
        String unit = string(strings, type[1]);
        if (unit.equals("count") && name.equals("samples")) {
            return CountUnit.SAMPLES;
        }
        return CountUnit.valuesOf(unit.equals("count") || unit.isEmpty() ? name : unit, name, "pprof " + name + " values");
    }

    private static long[] valueType(ProtoReader m) throws ProtoReader.Malformed {
        long[] type = new long[2];
        while (m.next()) {
            if (m.field() == 1 || m.field() == 2) {
                type[m.field() - 1] = m.longValue();
            }
        }
        return type;
    }

    private static void function(ProtoReader m, Map<Long, long[]> functions) throws ProtoReader.Malformed {
        long id = 0;
        long name = 0;
        long systemName = 0;
        while (m.next()) {
            switch (m.field()) {
                case FUNCTION_ID -> id = m.longValue();
                case FUNCTION_NAME -> name = m.longValue();
                case FUNCTION_SYSTEM_NAME -> systemName = m.longValue();
                default -> {
                }
            }
        }
        // string indexes: the table may come after the functions
        functions.put(id, new long[] {name, systemName});
    }

    /** A location's frames, outermost first, joined by ';': its lines from last (the caller) to first (inlined deepest). */
    private static void location(ProtoReader m, Map<Long, long[]> functions, List<String> strings, Map<Long, String> locations)
            throws ProtoReader.Malformed {
        long id = 0;
        long address = 0;
        List<String> frames = new ArrayList<>();
        while (m.next()) {
            switch (m.field()) {
                case LOCATION_ID -> id = m.longValue();
                case LOCATION_ADDRESS -> address = m.longValue();
                case LOCATION_LINE -> {
                    ProtoReader line = m.message();
                    long function = 0;
                    while (line.next()) {
                        if (line.field() == LINE_FUNCTION_ID) {
                            function = line.longValue();
                        }
                    }
                    frames.add(functionName(functions.get(function), strings));
                }
                default -> {
                }
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(frames.get(i));
        }
        locations.put(id, b.length() > 0 ? b.toString() : "0x" + Long.toHexString(address));
    }

    /** The name, else the system name; "" for a function the profile does not have. */
    private static String functionName(long[] names, List<String> strings) {
        if (names == null) {
            return "";
        }
        String name = string(strings, names[0]);
        return clean(name.isEmpty() ? string(strings, names[1]) : name);
    }

    private static String string(List<String> strings, long index) {
        return index >= 0 && index < strings.size() ? strings.get((int) index) : "";
    }

    /** `;` to `:`, line breaks to spaces, and UTF-8 bytes as chars (a stack is one char per byte). */
    private static String clean(String name) {
        String s = name.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return s;
    }
}
