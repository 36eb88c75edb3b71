package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.testkit.LoadProgram;
import dev.saturn.testkit.Needs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `saturn use --json` names the processes behind each resource, on programs made here (testkit's load.c): one
 * with a low open-file limit that opens nearly all of it is flagged on the file_descriptors row; one with 300
 * threads leads the tasks row; a server that never reads its connection shows its filled receive queue under tcp.
 */
class ProcessesPerResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void fdsAgainstTheProcessOwnLimitThreadsAndAFilledReceiveQueue() throws Exception {
        Needs.tools("gcc", "sh");
        Path load = LoadProgram.compile(tmp);
        Process fds = ready(new ProcessBuilder("sh", "-c", "ulimit -n 64 && exec \"$0\" fds 60", load.toString()));
        Process threads = ready(new ProcessBuilder(load.toString(), "threads", "300"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = ready(new ProcessBuilder(load.toString(), "hold", String.valueOf(port)));
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(1000);
            OutputStream out = client.getOutputStream();
            byte[] chunk = new byte[16 * 1024];
            // a write blocks once both buffers are full: fill them from a thread that may stay blocked
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 64; i++) {
                        out.write(chunk);
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            Thread.sleep(500);

            CliRun run = CliRun.of("use", "--json", "--interval", "1s");
            assertEquals(0, run.exit(), run.err());
            JsonNode root = JSON.readTree(run.out());

            JsonNode fdRow = row(root, "file_descriptors");
            JsonNode worst = first(fdRow, "open_fds");
            assertEquals(fds.pid(), worst.get("pid").asLong(), fdRow.toString());
            assertEquals(64, worst.get("limit").asDouble());
            assertEquals(63, worst.get("value").asDouble(), "60 files and stdin, stdout, stderr");
            assertEquals("crit", fdRow.get("saturation").get("status").asText(), fdRow.toString());
            assertTrue(root.get("findings").toString().contains("process " + fds.pid()), root.get("findings").toString());

            JsonNode most = first(row(root, "tasks"), "threads");
            assertEquals(threads.pid(), most.get("pid").asLong());
            assertEquals(301, most.get("value").asDouble());

            JsonNode queue = first(row(root, "tcp"), "receive_queue");
            assertEquals(server.pid(), queue.get("pid").asLong(), row(root, "tcp").toString());
            assertTrue(queue.get("value").asDouble() > 32 * 1024, "a filled receive queue: " + queue);
            assertEquals("bytes", queue.get("unit").asText());
        }
    }

    private static JsonNode row(JsonNode root, String resource) {
        for (JsonNode r : root.get("resources")) {
            if (r.get("resource").asText().equals(resource)) {
                return r;
            }
        }
        return fail("no " + resource + " row");
    }

    /** The metric's first (largest) process. */
    private static JsonNode first(JsonNode row, String metric) {
        assertTrue(row.has("top_processes"), row.toString());
        for (JsonNode p : row.get("top_processes")) {
            if (p.get("metric").asText().equals(metric)) {
                return p;
            }
        }
        return fail("no " + metric + " process in " + row);
    }

    private Process ready(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        started.add(p);
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            fail("the load did not start: " + line);
        }
        return p;
    }
}
