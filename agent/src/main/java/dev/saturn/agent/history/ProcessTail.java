package dev.saturn.agent.history;

import dev.saturn.analyzers.use.ProcessFigure;
import dev.saturn.analyzers.use.ProcessRanking;
import dev.saturn.analyzers.use.ProcessRankings;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The processes behind each resource, at the end of a stored sample: for each metric of {@link
 * ProcessRankings#METRICS} in its order, one byte (the number of processes, and whether a reason follows), then per
 * process its pid, name and cgroup as string ids, and its value (a tenth of its unit, bytes whole), and for open
 * fds its limit; all varints. The names and cgroups are the history's strings, stored once. With the
 * processes of 13 metrics of 3 processes each, about 250–350 bytes a sample (budget: 400, issue 13).
 */
final class ProcessTail {
    private static final int REASON = 0x10;
    private static final int UNREADABLE = 0x20;
    private static final int COUNT = 0x0f;

    private ProcessTail() {
    }

    static void encode(List<ProcessRanking> rankings, ByteArrayOutputStream out, ToIntFunction<String> stringId) {
        if (rankings.isEmpty()) {
            return;
        }
        for (List<String> m : ProcessRankings.METRICS) {
            ProcessRanking r = rankings.stream().filter(x -> x.metric().equals(m.get(1))).findFirst().orElse(null);
            if (r == null) {
                out.write(0);
                continue;
            }
            int head = r.top().size() | (r.reason() != null ? REASON : 0) | (r.unreadable() != null ? UNREADABLE : 0);
            out.write(head);
            if (r.reason() != null) {
                SampleCodec.writeVarint(out, stringId.applyAsInt(r.reason()));
            }
            if (r.unreadable() != null) {
                SampleCodec.writeVarint(out, stringId.applyAsInt(r.unreadable()));
            }
            boolean bytes = m.get(2).startsWith("bytes");
            for (ProcessFigure p : r.top()) {
                SampleCodec.writeVarint(out, p.pid());
                SampleCodec.writeVarint(out, stringId.applyAsInt(p.comm()));
                SampleCodec.writeVarint(out, p.cgroup() == null ? 0 : stringId.applyAsInt(p.cgroup()));
                SampleCodec.writeVarint(out, SampleCodec.zigzagOf(Math.round(bytes ? p.value() : p.value() * 10)));
                if (m.get(1).equals("open_fds")) {
                    SampleCodec.writeVarint(out, p.limit() == null ? 0 : Math.round(p.limit()) + 1);
                }
            }
        }
    }

    static List<ProcessRanking> decode(byte[] data, int[] pos, IntFunction<String> string) {
        List<ProcessRanking> out = new ArrayList<>(ProcessRankings.METRICS.size());
        for (List<String> m : ProcessRankings.METRICS) {
            if (pos[0] >= data.length) {
                break;
            }
            int head = data[pos[0]++] & 0xff;
            String reason = (head & REASON) != 0 ? string.apply((int) SampleCodec.varintAt(data, pos)) : null;
            String unreadable = (head & UNREADABLE) != 0 ? string.apply((int) SampleCodec.varintAt(data, pos)) : null;
            boolean bytes = m.get(2).startsWith("bytes");
            List<ProcessFigure> top = new ArrayList<>();
            for (int i = 0; i < (head & COUNT); i++) {
                int pid = (int) SampleCodec.varintAt(data, pos);
                String comm = string.apply((int) SampleCodec.varintAt(data, pos));
                int cgroupId = (int) SampleCodec.varintAt(data, pos);
                long raw = SampleCodec.unzigzagOf(SampleCodec.varintAt(data, pos));
                Double limit = null;
                if (m.get(1).equals("open_fds")) {
                    long l = SampleCodec.varintAt(data, pos);
                    limit = l == 0 ? null : (double) (l - 1);
                }
                top.add(new ProcessFigure(pid, comm, cgroupId == 0 ? null : string.apply(cgroupId), bytes ? raw : raw / 10.0, limit));
            }
            out.add(new ProcessRanking(m.get(0), m.get(1), m.get(2), top, reason, unreadable));
        }
        return List.copyOf(out);
    }
}
