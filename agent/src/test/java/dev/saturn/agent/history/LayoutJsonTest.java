package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.LiveReports;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layouts stored by the databind writer of earlier versions must match and read back as before. */
class LayoutJsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    @Test
    void thisHostsLayoutIsWrittenAsDatabindWroteItAndReadsBack() throws Exception {
        Layout layout = Layout.of(LiveReports.take(1, Duration.ofMillis(100)).get(0));
        String json = LayoutJson.write(layout);
        assertEquals(DATABIND.writeValueAsString(layout), json);
        assertEquals(layout, LayoutJson.read(json));
        assertEquals(DATABIND.readValue(json, Layout.class), LayoutJson.read(json));
    }

    @Test
    void nullsAndAbsentValuesSurvive() throws Exception {
        Layout layout = new Layout(2, "h\"ost", null, "cpu \u00e9", 4, null, List.of(
                new Layout.Row("cpu", null, List.of("a", "b"), 1, Arrays.asList(null, "no \\ source"),
                        List.of(new Layout.CellShape("a", "%", 0, null), new Layout.CellShape("z", null, -1, "why")))));
        String json = LayoutJson.write(layout);
        assertEquals(DATABIND.writeValueAsString(layout), json);
        assertEquals(layout, LayoutJson.read(json));
    }

    @Test
    void unknownFieldsAreSkippedAndBrokenTextIsRefused() {
        Layout read = LayoutJson.read("{\"extra\":{\"x\":[1]},\"host\":\"h\",\"cpus\":2,\"memoryBytes\":8,\"rows\":[]}");
        assertEquals(new Layout(1, "h", null, null, 2, 8L, List.of()), read);
        assertThrows(UncheckedIOException.class, () -> LayoutJson.read("[1,2]"));
        assertThrows(UncheckedIOException.class, () -> LayoutJson.read("{\"host\":"));
    }
}
