package dev.saturn.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.type.ResolvedType;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the trees of {@link UseReportJson} (maps, lists, strings, numbers, booleans, nulls) with jackson-core
 * alone: databind, which wrote them before, costs the long-running agent about 4.5 MB of resident memory for
 * ~350 classes, its caches and their compiled code (measured when it was made). The text is the same: databind
 * wrote these types with the same generator calls. Also the codec of {@link UseReportJson#generator}, so
 * that {@code writeObject(tree)} works on it; it only writes.
 */
final class JsonTrees extends ObjectCodec {
    static final JsonTrees CODEC = new JsonTrees();

    private JsonTrees() {
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (value instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Character c) {
            g.writeString(c.toString());
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else {
            throw new IllegalArgumentException("not a JSON tree value: " + value.getClass().getName());
        }
    }

    @Override
    public void writeValue(JsonGenerator g, Object value) throws IOException {
        write(g, value);
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public com.fasterxml.jackson.core.JsonFactory getFactory() {
        return UseReportJson.FACTORY;
    }

    @Override
    @SuppressWarnings("deprecation")
    public com.fasterxml.jackson.core.JsonFactory getJsonFactory() {
        return UseReportJson.FACTORY;
    }

    private static UnsupportedOperationException writeOnly() {
        return new UnsupportedOperationException("saturn's report JSON codec only writes");
    }

    @Override
    public <T> T readValue(JsonParser p, Class<T> valueType) {
        throw writeOnly();
    }

    @Override
    public <T> T readValue(JsonParser p, TypeReference<T> valueTypeRef) {
        throw writeOnly();
    }

    @Override
    public <T> T readValue(JsonParser p, ResolvedType valueType) {
        throw writeOnly();
    }

    @Override
    public <T> Iterator<T> readValues(JsonParser p, Class<T> valueType) {
        throw writeOnly();
    }

    @Override
    public <T> Iterator<T> readValues(JsonParser p, TypeReference<T> valueTypeRef) {
        throw writeOnly();
    }

    @Override
    public <T> Iterator<T> readValues(JsonParser p, ResolvedType valueType) {
        throw writeOnly();
    }

    @Override
    public <T extends TreeNode> T readTree(JsonParser p) {
        throw writeOnly();
    }

    @Override
    public void writeTree(JsonGenerator g, TreeNode tree) {
        throw writeOnly();
    }

    @Override
    public TreeNode createObjectNode() {
        throw writeOnly();
    }

    @Override
    public TreeNode createArrayNode() {
        throw writeOnly();
    }

    @Override
    public JsonParser treeAsTokens(TreeNode n) {
        throw writeOnly();
    }

    @Override
    public <T> T treeToValue(TreeNode n, Class<T> valueType) {
        throw writeOnly();
    }
}
