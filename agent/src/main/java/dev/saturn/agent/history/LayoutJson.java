package dev.saturn.agent.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A layout as JSON with jackson-core's streaming generator and parser, not databind: databind's record
 * introspection costs the long-running agent about 3 MB of resident memory (measured when it was made).
 * The text is what databind wrote for the same records (components in order, nulls written), so
 * layouts stored before match the ones written now.
 */
final class LayoutJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private LayoutJson() {
    }

    static String write(Layout layout) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("codec", layout.codec());
            g.writeStringField("host", layout.host());
            g.writeStringField("kernel", layout.kernel());
            g.writeStringField("cpuModel", layout.cpuModel());
            g.writeNumberField("cpus", layout.cpus());
            g.writeFieldName("memoryBytes");
            if (layout.memoryBytes() == null) {
                g.writeNull();
            } else {
                g.writeNumber(layout.memoryBytes());
            }
            g.writeArrayFieldStart("rows");
            for (Layout.Row row : layout.rows()) {
                writeRow(g, row);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeRow(JsonGenerator g, Layout.Row row) throws IOException {
        g.writeStartObject();
        g.writeStringField("resource", row.resource());
        g.writeStringField("device", row.device());
        writeStrings(g, "metrics", row.metrics());
        g.writeNumberField("metricCount", row.metricCount());
        writeStrings(g, "metricReasons", row.metricReasons());
        g.writeArrayFieldStart("cells");
        for (Layout.CellShape c : row.cells()) {
            g.writeStartObject();
            g.writeStringField("metric", c.metric());
            g.writeStringField("unit", c.unit());
            g.writeNumberField("slot", c.slot());
            g.writeStringField("reason", c.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static Layout read(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            int codec = 1;
            String host = null;
            String kernel = null;
            String cpuModel = null;
            int cpus = 0;
            Long memoryBytes = null;
            List<Layout.Row> rows = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "codec" -> codec = p.getValueAsInt();
                    case "host" -> host = p.getValueAsString();
                    case "kernel" -> kernel = p.getValueAsString();
                    case "cpuModel" -> cpuModel = p.getValueAsString();
                    case "cpus" -> cpus = p.getValueAsInt();
                    case "memoryBytes" -> memoryBytes = t == JsonToken.VALUE_NULL ? null : p.getValueAsLong();
                    case "rows" -> rows = readList(p, LayoutJson::readRow);
                    default -> p.skipChildren();
                }
            }
            if (codec < 1 || codec > SampleCodec.VERSION) {
                throw new IllegalArgumentException("a layout in sample format " + codec + ", which this saturn does not read (it reads 1 to "
                        + SampleCodec.VERSION + ")");
            }
            return new Layout(codec, host, kernel, cpuModel, cpus, memoryBytes, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Layout.Row readRow(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        String resource = null;
        String device = null;
        List<String> metrics = null;
        int metricCount = 0;
        List<String> metricReasons = null;
        List<Layout.CellShape> cells = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "resource" -> resource = p.getValueAsString();
                case "device" -> device = p.getValueAsString();
                case "metrics" -> metrics = readList(p, JsonParser::getValueAsString);
                case "metricCount" -> metricCount = p.getValueAsInt();
                case "metricReasons" -> metricReasons = readList(p, JsonParser::getValueAsString);
                case "cells" -> cells = readList(p, LayoutJson::readCell);
                default -> p.skipChildren();
            }
        }
        return new Layout.Row(resource, device, metrics, metricCount, metricReasons, cells);
    }

    private static Layout.CellShape readCell(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        String metric = null;
        String unit = null;
        int slot = 0;
        String reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "metric" -> metric = p.getValueAsString();
                case "unit" -> unit = p.getValueAsString();
                case "slot" -> slot = p.getValueAsInt();
                case "reason" -> reason = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        return new Layout.CellShape(metric, unit, slot, reason);
    }

    private interface Element<T> {
        T read(JsonParser p) throws IOException;
    }

    /** The array at the parser's current token (null for JSON null), each element read by {@code element}. */
    private static <T> List<T> readList(JsonParser p, Element<T> element) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<T> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(p.currentToken() == JsonToken.VALUE_NULL ? null : element.read(p));
        }
        return list;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("a history layout that is not the JSON saturn writes: " + expected + " expected, " + actual + " found");
        }
    }
}
