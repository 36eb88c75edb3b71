package dev.saturn.profiling.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StreamFolderTest {
    private static String sample(String comm, String time, String... frames) {
        StringBuilder b = new StringBuilder(comm + " 4242/4243 " + time + ": cpu-clock: \n");
        for (String f : frames) {
            b.append("\t    7f0000001000 ").append(f).append(" (/usr/bin/app)\n");
        }
        return b.append('\n').toString();
    }

    @Test
    void samplesAreFoldedIntoTheSecondOfTheirTimestamp() throws IOException {
        String text = sample("app", "100.200000", "leaf", "main")
                + sample("app", "100.900000", "leaf", "main")
                + sample("web server", "101.000001", "other", "main")
                + sample("app", "102.5", "leaf", "main")
                + sample("app", "103.000000", "leaf", "main");
        StackRing ring = new StackRing(30, 100, 100_000);
        StreamFolder folder = new StreamFolder(ring);
        folder.pump(trickle(text.getBytes(StandardCharsets.ISO_8859_1), 7));
        assertEquals(5, folder.samples());
        assertEquals(Map.of("app;main;leaf", 2L), before(ring, 101));
        assertEquals(Map.of("app;main;leaf", 2L, "web_server;main;other", 1L), before(ring, 102));
        assertEquals(Map.of("app;main;leaf", 4L, "web_server;main;other", 1L), before(ring, 104));
    }

    @Test
    void theTimestampIsTheLastTimeShapedWordOfTheHeader() {
        byte[] h = "java 12 11.5: 99.25: 4242/1 60936.511284: cpu-clock: \n\tframe\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(60936, StreamFolder.headerSecond(h, 0, h.length));
        byte[] none = "no time here: cpu-clock:\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Long.MIN_VALUE, StreamFolder.headerSecond(none, 0, none.length));
    }

    private static Map<String, Long> before(StackRing ring, long second) {
        Map<String, Long> m = new TreeMap<>();
        ring.before(second * 1_000_000_000L, 30, (s, w) -> m.merge(s, w, Long::sum), null);
        return m;
    }

    /** A stream that hands over at most {@code n} bytes a read, as a pipe may. */
    private static InputStream trickle(byte[] bytes, int n) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, n));
            }
        };
    }
}
