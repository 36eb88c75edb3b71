package dev.saturn.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report JSON, written without databind, is the text databind wrote for the same trees. */
class UseReportJsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    @Test
    void liveReportsAreWrittenAsDatabindWroteThem() throws Exception {
        List<UseReport> reports = new ArrayList<>();
        try (LiveSampler sampler = new LiveSampler(HostPaths.liveHost(), false, true)) {
            for (int i = 0; i < 2; i++) {
                reports.add(new UseAnalyzer(Thresholds.defaults()).analyze(sampler.next(Duration.ofMillis(200), f -> { })));
            }
        }
        for (UseReport r : reports) {
            String expected = DATABIND.writeValueAsString(UseReportJson.tree(r));
            StringWriter out = new StringWriter();
            UseReportJson.write(r, out);
            out.write("|still open");
            assertEquals(expected + "|still open", out.toString());
            assertEquals(expected, new String(UseReportJson.bytes(UseReportJson.tree(r)), StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = UseReportJson.generator(body)) {
            json.writeStartArray();
            for (UseReport r : reports) {
                json.writeObject(UseReportJson.tree(r));
            }
            json.writeEndArray();
        }
        assertEquals(DATABIND.writeValueAsString(reports.stream().map(UseReportJson::tree).toList()), body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scalarsNullsAndNestedTreesMatchDatabind() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("small", 1.0E-7);
        m.put("int", 3);
        m.put("long", 1L << 40);
        m.put("flag", true);
        m.put("none", null);
        m.put("text", "é \"quoted\" \\ \u0001 \u2028");
        m.put("list", Arrays.asList(1.5, null, "x"));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", "a1");
        profile.put("pid", 42L);
        profile.put("seconds", 10.0);
        profile.put("trigger", "cpu > 90%");
        m.put("profiles", List.of(profile));
        assertEquals(DATABIND.writeValueAsString(m), new String(UseReportJson.bytes(m), StandardCharsets.UTF_8));
    }

    @Test
    void aValueThatIsNoTreeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UseReportJson.bytes(Map.of("x", new Object())));
    }
}
