package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.analyzers.use.ProcessFigure;
import dev.saturn.analyzers.use.ProcessRanking;
import dev.saturn.analyzers.use.ProcessRankings;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processes behind each resource survive the history's encoding, within 400 bytes a sample (issue 13, point 7). */
class ProcessTailTest {
    @Test
    void everyMetricsThreeProcessesRoundTripWithin400Bytes() {
        List<ProcessRanking> rankings = new ArrayList<>();
        int pid = 400_000;
        for (List<String> m : ProcessRankings.METRICS) {
            if (m.get(1).equals("blkio_delay")) {
                rankings.add(new ProcessRanking(m.get(0), m.get(1), m.get(2), List.of(), "delay accounting is off: sysctl kernel.task_delayacct=1", null));
                continue;
            }
            List<ProcessFigure> top = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                boolean bytes = m.get(2).startsWith("bytes");
                top.add(new ProcessFigure(pid++, "stress-ng-" + i, "/system.slice/app-" + i + ".service",
                        bytes ? 3_456_789_012L - i : 123.4 - i, m.get(1).equals("open_fds") ? 1024.0 : null));
            }
            rankings.add(new ProcessRanking(m.get(0), m.get(1), m.get(2), top, null,
                    m.get(1).equals("read_bytes") ? "read_bytes of disk not read for 1 process: cannot read /proc/1/io: Permission denied" : null));
        }
        Map<String, Integer> ids = new HashMap<>();
        List<String> strings = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessTail.encode(rankings, out, s -> ids.computeIfAbsent(s, k -> {
            strings.add(k);
            return strings.size();
        }));
        byte[] bytes = out.toByteArray();
        System.out.println("[history] processes of 13 metrics, 3 each: " + bytes.length + " bytes a sample");
        assertTrue(bytes.length <= 400, bytes.length + " bytes");
        List<ProcessRanking> back = ProcessTail.decode(bytes, new int[] {0}, id -> id == 0 ? null : strings.get(id - 1));
        assertEquals(rankings, back);
    }
}
