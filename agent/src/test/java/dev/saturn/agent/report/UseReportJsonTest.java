package dev.saturn.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.LiveReports;
import dev.saturn.agent.profile.StoredProfile;
import dev.saturn.analyzers.use.UseReport;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        List<UseReport> reports = LiveReports.take(2, Duration.ofMillis(200));
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
    void scalarsNullsAndProfilesMatchDatabind() throws Exception {
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
        m.put("profiles", List.of(new StoredProfile("a1", "2026-01-01T00:00:00Z", "cpu > 90%", "jvm", 42L, "java", 10.0, 5, 99).json()));
        assertEquals(DATABIND.writeValueAsString(m), new String(UseReportJson.bytes(m), StandardCharsets.UTF_8));
    }

    @Test
    void aValueThatIsNoTreeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UseReportJson.bytes(Map.of("x", new Object())));
    }
}
