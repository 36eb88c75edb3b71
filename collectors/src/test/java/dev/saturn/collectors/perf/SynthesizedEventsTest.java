package dev.saturn.collectors.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What perf record writes at its start, from lines of /proc: MMAP2 as perf lays it out, the online CPUs. */
class SynthesizedEventsTest {
    @TempDir
    Path dir;

    @Test
    void anExecutableMappingBecomesMmap2AndTheOthersNothing() {
        byte[] e = SynthesizedEvents.mapping(42, "7f5e2c000000-7f5e2c021000 r-xp 00001000 08:01 1234    /usr/lib/libc.so.6");
        ByteBuffer b = ByteBuffer.wrap(e).order(ByteOrder.nativeOrder());
        assertEquals(10, b.getInt(0), "MMAP2");
        assertEquals(e.length, b.getShort(6));
        assertEquals(0, e.length % 8);
        assertEquals(42, b.getInt(8));
        assertEquals(0x7f5e2c000000L, b.getLong(16));
        assertEquals(0x21000, b.getLong(24));
        assertEquals(0x1000, b.getLong(32));
        assertEquals(8, b.getInt(40));
        assertEquals(1, b.getInt(44));
        assertEquals(1234, b.getLong(48));
        assertEquals(1 | 4, b.getInt(64), "read, exec");
        assertEquals(2, b.getInt(68), "private");
        assertEquals("/usr/lib/libc.so.6", new String(e, 72, 18, StandardCharsets.ISO_8859_1));
        assertEquals(0, e[72 + 18]);
        assertEquals(72 + 24 + PipeRecords.SAMPLE_ID_BYTES, e.length);
        assertNull(SynthesizedEvents.mapping(42, "7f5e2c021000-7f5e2c022000 rw-p 00000000 00:00 0"), "data is left out");
        String anon = new String(SynthesizedEvents.mapping(42, "7f5e2c023000-7f5e2c024000 rwxp 00000000 00:00 0 "), 72, 6,
                StandardCharsets.ISO_8859_1);
        assertEquals("//anon", anon, "JIT code");
    }

    @Test
    void theOnlineCpusAreReadAsTheKernelListsThem() throws Exception {
        Path online = Files.writeString(dir.resolve("online"), "0-3,6\n");
        assertEquals(List.of(0, 1, 2, 3, 6), SystemSampler.onlineCpus(online));
    }
}
