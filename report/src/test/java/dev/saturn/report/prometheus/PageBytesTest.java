package dev.saturn.report.prometheus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The page's bytes, put together from each family's kept header, are the UTF-8 of its text, ASCII or not. */
class PageBytesTest {
    private static PrometheusText page(String mountpoint) {
        PrometheusText t = new PrometheusText();
        t.family("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", "gauge")
                .sample("device", "/dev/vda1", "mountpoint", mountpoint, 1.5e9);
        t.gauge("saturn_use_status", "Status of a USE cell: 0 ok, 1 warn, 2 crit, -1 unavailable.", "resource=\"cpu\"", 0);
        t.family("node_load1", "1m load average.", "gauge").sample(0.25);
        // a family continued after another began: its lines come together under one header
        t.gauge("saturn_use_status", "Status of a USE cell: 0 ok, 1 warn, 2 crit, -1 unavailable.", "resource=\"memory\"", 2);
        t.counter("saturn_agent_samples_total", "A help with a \\ and a\nnewline.", 42);
        return t;
    }

    @Test
    void asciiPageBytesAreItsText() {
        for (int i = 0; i < 2; i++) { // the second time from the kept headers
            PrometheusText t = page("/srv");
            String text = t.text();
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), t.bytes());
            assertTrue(text.indexOf("resource=\"memory\"") < text.indexOf("# HELP node_load1"), text);
        }
    }

    @Test
    void pageBeyondAsciiIsUtf8() {
        PrometheusText t = page("/srv/donn\u00e9es");
        byte[] bytes = t.bytes();
        assertArrayEquals(t.text().getBytes(StandardCharsets.UTF_8), bytes);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("mountpoint=\"/srv/donn\u00e9es\""));
    }
}
