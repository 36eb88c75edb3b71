package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `saturn agent` as an unprivileged user (nobody) with kernel.perf_event_paranoid above 0: a trigger that fires at
 * every sample never starts perf (no child process of that name, watched over /proc for 20 samples), and the start
 * line says why and what to set.
 */
class AgentTriggerAsNobodyTest {
    private static final Path PARANOID = Path.of("/proc/sys/kernel/perf_event_paranoid");

    @TempDir
    static Path tmp;

    static String classpath;

    @BeforeAll
    static void worldReadableClasspath() throws IOException {
        AsNobody.requireRoot("AgentTriggerAsNobodyTest");
        classpath = AsNobody.classpath(tmp);
    }

    @Test
    void aNonRootAgentNeverStartsTheSystemWidePerfItCannotTakeAndSaysWhyAtTheStart() throws Exception {
        Needs.tool("perf");
        String before = Files.readString(PARANOID).strip();
        boolean raise = Integer.parseInt(before) <= 0;
        if (raise) {
            Files.writeString(PARANOID, "2");
        }
        try {
            Path data = Files.createDirectory(tmp.resolve("data"));
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
            try (ChildProcess agent = ChildProcess.jvm(AsNobody.PREFIX, classpath, Saturn.class.getName(), "agent",
                    "--data-dir", data.toString(), "--listen", "127.0.0.1:0", "--interval", "200ms",
                    "--trigger", "cpu.utilization>=0%", "--no-profile-jvm", "--profile-duration", "500ms", "--profile-gap", "0")) {
                StringBuffer log = agent.stderrLines();
                Set<String> children = new TreeSet<>();
                String address = Poll.until(Duration.ofSeconds(60), "the agent's start line", () -> {
                    childrenOf(agent.pid(), children);
                    Matcher m = Pattern.compile("serving http://([^/]+)/").matcher(log);
                    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
                });
                Poll.until(Duration.ofSeconds(60), "20 samples with the trigger holding", () -> {
                    childrenOf(agent.pid(), children);
                    return samples(address) >= 20 && log.toString().contains("holds, but nothing is recorded") ? Optional.of(true) : Optional.empty();
                });
                String paranoid = Files.readString(PARANOID).strip();
                assertTrue(log.toString().contains("triggered profiles: perf cannot record every CPU here, so cpu.utilization>=0% will record "
                        + "nothing, and perf is not started: kernel.perf_event_paranoid is " + paranoid + " and the agent (uid 65534) has "
                        + "neither CAP_PERFMON nor CAP_SYS_ADMIN: set `sysctl kernel.perf_event_paranoid=0`, or give the agent CAP_PERFMON"), log.toString());
                assertEquals(1, count(log.toString(), "perf cannot record every CPU here, so"), "said once: " + log);
                assertTrue(!log.toString().contains("recording every CPU"), "no attempt: " + log);
                assertTrue(!children.contains("perf"), "child processes seen: " + children + "; log: " + log);
            }
        } finally {
            if (raise) {
                Files.writeString(PARANOID, before);
            }
        }
    }


    /** Adds the names of {@code pid}'s child processes now to {@code names}. */
    private static void childrenOf(int pid, Set<String> names) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String name = null;
                String parent = null;
                try {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Name:")) {
                            name = line.substring(5).strip();
                        } else if (line.startsWith("PPid:")) {
                            parent = line.substring(5).strip();
                        }
                    }
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                if (String.valueOf(pid).equals(parent)) {
                    names.add(name);
                }
            }
        }
    }

    private static long samples(String address) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^saturn_agent_samples_total (\\d+)").matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
