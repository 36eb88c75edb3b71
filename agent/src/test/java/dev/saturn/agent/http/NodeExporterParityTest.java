package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's prometheus-node-exporter beside the agent: every family of docs/metrics.md's parity table has the same
 * label names, the same series and the same values on both pages. The agent's figures are those of its latest
 * snapshot, read up to an interval before its page is scraped, so node_exporter is scraped once before that
 * snapshot was read and once right after the agent's page (within 100 ms): each of the agent's values lies between
 * node_exporter's two, give or take 1 % — the tolerance a counter needs is what it moved in that window, its rate.
 * node_exporter runs with its defaults (Debian's device and mount exclusions) but for lo, which Debian leaves out of
 * netdev and saturn keeps (its USE table has a row for lo, and the lost burst was on lo).
 */
class NodeExporterParityTest {
    /** docs/metrics.md's parity table: the families first, then the others both export. */
    static final List<String> FAMILIES = List.of(
            "node_cpu_seconds_total", "node_load1", "node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes",
            "node_vmstat_pgmajfault", "node_vmstat_oom_kill", "node_disk_io_time_seconds_total",
            "node_disk_io_time_weighted_seconds_total", "node_disk_read_bytes_total", "node_disk_written_bytes_total",
            "node_disk_reads_completed_total", "node_disk_writes_completed_total", "node_network_receive_bytes_total",
            "node_network_transmit_bytes_total", "node_network_receive_drop_total", "node_network_transmit_drop_total",
            "node_network_receive_errs_total", "node_network_transmit_errs_total", "node_filesystem_avail_bytes",
            "node_filesystem_size_bytes", "node_pressure_cpu_waiting_seconds_total", "node_pressure_memory_waiting_seconds_total",
            "node_pressure_io_waiting_seconds_total",
            // beyond the list
            "node_cpu_guest_seconds_total", "node_load5", "node_load15", "node_memory_MemFree_bytes", "node_memory_SwapTotal_bytes",
            "node_vmstat_pgfault", "node_vmstat_pgpgin", "node_vmstat_pgpgout", "node_vmstat_pswpin", "node_vmstat_pswpout",
            "node_disk_read_time_seconds_total", "node_disk_write_time_seconds_total", "node_disk_reads_merged_total",
            "node_disk_writes_merged_total", "node_network_receive_packets_total", "node_network_transmit_packets_total",
            "node_network_receive_fifo_total", "node_network_transmit_fifo_total", "node_network_transmit_colls_total",
            "node_filesystem_free_bytes", "node_filesystem_files", "node_filesystem_files_free", "node_filesystem_readonly", "node_pressure_memory_stalled_seconds_total",
            "node_pressure_io_stalled_seconds_total", "node_forks_total", "node_context_switches_total",
            "node_softnet_processed_total", "node_softnet_dropped_total", "node_softnet_times_squeezed_total",
            "node_filefd_maximum", "node_netstat_Tcp_InErrs", "node_netstat_Tcp_OutSegs", "node_netstat_Tcp_RetransSegs",
            "node_netstat_TcpExt_ListenDrops", "node_netstat_TcpExt_ListenOverflows", "node_netstat_Udp_InDatagrams",
            "node_netstat_Udp_OutDatagrams", "node_netstat_Udp_NoPorts", "node_netstat_Udp_InErrors",
            "node_netstat_Udp_RcvbufErrors", "node_netstat_Udp_SndbufErrors");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void everyParityFamilyHasNodeExportersLabelsSeriesAndValues() throws Exception {
        Path binary = Needs.tool("prometheus-node-exporter");
        int port = RunningPrometheus.freePort();
        Process node = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.cpu", "--collector.stat", "--collector.loadavg", "--collector.meminfo",
                "--collector.vmstat", "--collector.diskstats", "--collector.netdev", "--collector.filesystem", "--collector.pressure",
                "--collector.netstat", "--collector.softnet", "--collector.filefd", "--collector.netdev.device-exclude=^$")
                .redirectErrorStream(true).redirectOutput(dir.resolve("node_exporter.log").toFile()).start();
        Set<String> mountedAtStart = mountPoints();
        try (RunningAgent agent = new RunningAgent(Files.createDirectory(dir.resolve("data")), Duration.ofSeconds(1))) {
            String nodeUrl = "http://127.0.0.1:" + port + "/metrics";
            Poll.until(Duration.ofSeconds(30), "node_exporter answering", () -> Optional.of(get(nodeUrl)));
            agent.awaitSamples(2);

            Exposition before = null;
            Exposition saturn = null;
            Exposition after = null;
            long gapMillis = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 10 && gapMillis > 100; attempt++) {
                long seen = samples(get(agent.base() + "/metrics"));
                before = Exposition.parse(get(nodeUrl));
                // Two samples on: the snapshot behind the page was read after node_exporter's first scrape.
                String page = Poll.until(Duration.ofSeconds(30), "two more samples", () -> {
                    String p = get(agent.base() + "/metrics");
                    return samples(p) >= seen + 2 ? Optional.of(p) : Optional.empty();
                });
                long scraped = System.nanoTime();
                String nodePage = get(nodeUrl);
                gapMillis = (System.nanoTime() - scraped) / 1_000_000;
                saturn = Exposition.parse(page);
                after = Exposition.parse(nodePage);
            }
            assertTrue(gapMillis <= 100, "the agent and node_exporter scraped within 100 ms (last gap " + gapMillis + " ms)");

            // Mounts that come and go meanwhile (other tests' tmpfs) are left out: the agent reads its mount list every
            // 10 s, node_exporter at each scrape, so such a mount may be on one page and not yet, or no longer, on the other.
            Set<String> stable = new TreeSet<>(mountedAtStart);
            stable.retainAll(mountPoints());
            List<String> differences = new ArrayList<>();
            for (String family : FAMILIES) {
                if (family.startsWith("node_filesystem_")) {
                    compare(family, mounted(before.family(family), stable), mounted(saturn.family(family), stable),
                            mounted(after.family(family), stable), differences);
                } else {
                    compare(family, before.family(family), saturn.family(family), after.family(family), differences);
                }
            }
            assertTrue(differences.isEmpty(), differences.size() + " differences:\n" + String.join("\n", differences));
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private static void compare(String family, Map<Map<String, String>, Double> before, Map<Map<String, String>, Double> saturn,
                                Map<Map<String, String>, Double> after, List<String> differences) {
        if (after.isEmpty() || saturn.isEmpty()) {
            differences.add(family + ": node_exporter has " + after.size() + " series, saturn " + saturn.size());
            return;
        }
        Set<String> nodeLabels = new TreeSet<>(after.keySet().iterator().next().keySet());
        Set<String> saturnLabels = new TreeSet<>(saturn.keySet().iterator().next().keySet());
        if (!nodeLabels.equals(saturnLabels)) {
            differences.add(family + ": labels " + saturnLabels + ", node_exporter's " + nodeLabels);
            return;
        }
        if (!after.keySet().equals(saturn.keySet())) {
            differences.add(family + ": series " + saturn.keySet() + ", node_exporter's " + after.keySet());
            return;
        }
        for (Map.Entry<Map<String, String>, Double> s : saturn.entrySet()) {
            double a = before.getOrDefault(s.getKey(), after.get(s.getKey()));
            double b = after.get(s.getKey());
            double low = Math.min(a, b);
            double high = Math.max(a, b);
            double v = s.getValue();
            if (v < low - Math.abs(low) * 0.01 - 1e-9 || v > high + Math.abs(high) * 0.01 + 1e-9) {
                differences.add(family + s.getKey() + ": saturn " + v + ", node_exporter " + a + " before and " + b + " after");
            }
        }
    }

    private static Set<String> mountPoints() throws Exception {
        Set<String> points = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            points.add(line.split(" ")[4].replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\"));
        }
        return points;
    }

    private static Map<Map<String, String>, Double> mounted(Map<Map<String, String>, Double> series, Set<String> stable) {
        Map<Map<String, String>, Double> kept = new java.util.LinkedHashMap<>();
        series.forEach((labels, value) -> {
            if (stable.contains(labels.get("mountpoint"))) {
                kept.put(labels, value);
            }
        });
        return kept;
    }

    private static long samples(String page) {
        for (String line : page.split("\n")) {
            if (line.startsWith("saturn_agent_samples_total ")) {
                return Long.parseLong(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new AssertionError("no saturn_agent_samples_total on the page");
    }

    private static String get(String url) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + response.statusCode());
        }
        return response.body();
    }
}
