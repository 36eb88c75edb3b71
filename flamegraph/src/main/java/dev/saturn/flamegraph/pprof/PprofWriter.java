package dev.saturn.flamegraph.pprof;

import dev.saturn.flamegraph.tree.Frame;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.Name;
import dev.saturn.flamegraph.tree.SelfCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The tree as a gzip'd profile.proto, the file {@code go tool pprof} reads: one sample per stack
 * that ends in a frame (its self count as the value, rounded to a whole number), one function and
 * one location per distinct frame name, the location ids leaf first as pprof wants them.
 * A differential tree has two counts per stack, which pprof cannot hold: the caller refuses it.
 */
public final class PprofWriter {
    // profile.proto's field numbers
    private static final int PROFILE_SAMPLE_TYPE = 1;
    private static final int PROFILE_SAMPLE = 2;
    private static final int PROFILE_LOCATION = 4;
    private static final int PROFILE_FUNCTION = 5;
    private static final int PROFILE_STRING_TABLE = 6;
    private static final int PROFILE_PERIOD_TYPE = 11;
    private static final int PROFILE_PERIOD = 12;
    private static final int VALUE_TYPE_TYPE = 1;
    private static final int VALUE_TYPE_UNIT = 2;
    private static final int SAMPLE_LOCATION_ID = 1;
    private static final int SAMPLE_VALUE = 2;
    private static final int LOCATION_ID = 1;
    private static final int LOCATION_LINE = 4;
    private static final int LINE_FUNCTION_ID = 1;
    private static final int FUNCTION_ID = 1;
    private static final int FUNCTION_NAME = 2;
    private static final int FUNCTION_SYSTEM_NAME = 3;

    private final Map<String, Integer> strings = new HashMap<>();
    private final List<String> stringTable = new ArrayList<>();
    private final Map<Name, Integer> locations = new HashMap<>();
    private final List<Name> locationNames = new ArrayList<>();

    private PprofWriter() {
        string("");
    }

    /** Writes {@code tree} as a gzip'd profile whose values are of {@code type}; {@code out} is flushed, not closed. */
    public static void write(FrameTree tree, SampleType type, OutputStream out) throws IOException {
        if (tree.differential()) {
            throw new IllegalArgumentException("a differential profile has two counts per stack; pprof holds one");
        }
        new PprofWriter().writeProfile(tree, type, out);
    }

    private void writeProfile(FrameTree tree, SampleType type, OutputStream out) throws IOException {
        ProtoWriter profile = new ProtoWriter(1 << 16);
        ProtoWriter valueType = new ProtoWriter(16)
                .varint(VALUE_TYPE_TYPE, string(type.type())).varint(VALUE_TYPE_UNIT, string(type.unit()));
        profile.message(PROFILE_SAMPLE_TYPE, valueType);
        writeSamples(tree, profile);
        ProtoWriter message = new ProtoWriter(64);
        ProtoWriter line = new ProtoWriter(16);
        for (int i = 0; i < locationNames.size(); i++) {
            long id = i + 1;
            String name = locationNames.get(i).text();
            message.reset();
            message.varint(FUNCTION_ID, id).varint(FUNCTION_NAME, string(name)).varint(FUNCTION_SYSTEM_NAME, string(name));
            profile.message(PROFILE_FUNCTION, message);
            line.reset();
            line.varint(LINE_FUNCTION_ID, id);
            message.reset();
            message.varint(LOCATION_ID, id).message(LOCATION_LINE, line);
            profile.message(PROFILE_LOCATION, message);
        }
        profile.message(PROFILE_PERIOD_TYPE, valueType);
        profile.varint(PROFILE_PERIOD, 1);
        for (String s : stringTable) {
            profile.string(PROFILE_STRING_TABLE, s);
        }
        GZIPOutputStream gzip = new GZIPOutputStream(new Unclosed(out), 1 << 16);
        gzip.write(profile.bytes());
        gzip.finish();
        out.flush();
    }

    /** One sample per stack of the tree, its own count rounded to a whole number; those that round to 0 are left out. */
    private void writeSamples(FrameTree tree, ProtoWriter profile) {
        ProtoWriter sample = new ProtoWriter(256);
        long[][] ids = {new long[64]};
        long[] value = new long[1];
        SelfCounts.forEach(tree, (leaf, self) -> {
            long count = Math.round(self);
            if (count <= 0) {
                return;
            }
            int depth = 0;
            for (Frame p = leaf; p.parent() != null; p = p.parent()) {
                if (depth == ids[0].length) {
                    ids[0] = Arrays.copyOf(ids[0], depth * 2);
                }
                ids[0][depth++] = location(p.name());
            }
            value[0] = count;
            sample.reset();
            sample.packed(SAMPLE_LOCATION_ID, ids[0], depth).packed(SAMPLE_VALUE, value, 1);
            profile.message(PROFILE_SAMPLE, sample);
        });
    }

    private long location(Name name) {
        Integer id = locations.get(name);
        if (id == null) {
            locationNames.add(name);
            id = locationNames.size();
            locations.put(name, id);
        }
        return id;
    }

    private long string(String s) {
        Integer index = strings.get(s);
        if (index == null) {
            index = stringTable.size();
            stringTable.add(s);
            strings.put(s, index);
        }
        return index;
    }

    /** The caller's stream, left open when the gzip stream around it is done. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
