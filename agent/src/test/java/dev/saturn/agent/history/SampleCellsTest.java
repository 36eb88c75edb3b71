package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SampleCodec#cells}, the series' lean path, reads the same values and statuses as the whole decode, in both
 * sample formats, for real reports of this host (unavailable cells, reasons of their own, zeros and all).
 */
class SampleCellsTest {
    @Test
    void theCellsAreThoseOfTheWholeDecode() throws Exception {
        List<UseReport> live = LiveReports.take(3, Duration.ofMillis(150));
        int compared = 0;
        int missing = 0;
        for (UseReport r : live) {
            Layout two = Layout.of(r);
            for (Layout layout : List.of(two, SampleFormatTest.formatOne(two))) {
                List<String> strings = new ArrayList<>();
                byte[] data = SampleCodec.encode(r, layout, s -> SampleFormatTest.id(strings, s));
                double[] values = new double[layout.cellCount()];
                byte[] statuses = new byte[layout.cellCount()];
                SampleCodec.cells(data, layout, values, statuses);
                UseReport whole = SampleCodec.decode(data, layout, r.timestamp(), r.intervalSeconds(), i -> strings.get(i - 1));
                for (int row = 0; row < whole.resources().size(); row++) {
                    ResourceUse u = whole.resources().get(row);
                    List<Cell> cells = List.of(u.utilization(), u.saturation(), u.errors());
                    for (int c = 0; c < 3; c++) {
                        Cell cell = cells.get(c);
                        String what = u.resource() + " " + u.device() + " " + cell.metric() + " (format " + layout.codec() + ")";
                        assertEquals(cell.status().ordinal(), statuses[row * 3 + c], what);
                        if (cell.value() == null) {
                            assertTrue(Double.isNaN(values[row * 3 + c]), what + ": " + values[row * 3 + c]);
                            missing++;
                        } else {
                            assertEquals(cell.value(), values[row * 3 + c], what);
                        }
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 60 && missing > 0, "cells compared " + compared + ", without a value " + missing);
    }
}
