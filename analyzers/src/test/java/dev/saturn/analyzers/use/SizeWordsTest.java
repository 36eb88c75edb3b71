package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sizes in the unit that fits them: a small file system near full is not "0.0 GB free". */
class SizeWordsTest {
    @Test
    void sizesTakeTheUnitThatFits() {
        assertEquals("512 B", Numbers.bytes(512));
        assertEquals("20.0 MiB", Numbers.bytes(20 * 1024 * 1024));
        assertEquals("1.5 GiB", Numbers.bytes(1.5 * 1024 * 1024 * 1024));
        assertEquals("2.0 TiB", Numbers.bytes(2.0 * (1L << 40)));
    }

    @Test
    void aSmallFileSystemNearFullSaysItsFreeSpaceInMebibytes() {
        Cell used = new Cell("used_pct", 98.0, "percent", Status.CRIT, null);
        ResourceUse row = new ResourceUse("filesystem", "/boot/efi", used, Cell.notDefined("none"), Cell.notDefined("none"),
                Map.of("used_pct", 98.0, "avail_bytes", 20.0 * 1024 * 1024), Map.of());
        String text = Findings.of(List.of(row)).get(0).text();
        assertTrue(text.contains("98% full, 20.0 MiB free"), text);
    }
}
