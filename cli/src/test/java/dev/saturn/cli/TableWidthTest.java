package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The table in terminals of two widths (tmux windows): a device name longer than the column is cut to the part that
 * tells it apart in 100 columns, and shown whole in 200, where the column widens; into a pipe the column is the
 * narrow one. The long name is a cgroup's, made here, read with --cgroup.
 */
class TableWidthTest {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    @Test
    void aLongDeviceNameIsCutToWhatTellsItApartOrShownWholeWhereThereIsRoom() throws Exception {
        Needs.tool("tmux");
        String name = "/saturn-width-test-" + ProcessHandle.current().pid() + "/a-service-with-a-long-descriptive-name";
        // the group in cgroup v2, or in the v1 hierarchies --cgroup reads (cpu, cpuacct, memory)
        List<Path> roots = Files.exists(ROOT.resolve("cgroup.controllers")) ? List.of(ROOT)
                : List.of(ROOT.resolve("cpu"), ROOT.resolve("cpuacct"), ROOT.resolve("memory"));
        for (Path root : roots) {
            Needs.machine(Files.isWritable(root), root + " not writable here (needs root)");
            Files.createDirectories(root.resolve(name.substring(1)));
        }
        try {
            String wide = table(name, 200);
            assertTrue(wide.contains("cgroup            " + name + " "), "whole in 200 columns:\n" + wide);
            String narrow = table(name, 100);
            assertTrue(narrow.contains("cgroup            /saturn-width-test-" + ProcessHandle.current().pid() + "/...") == false,
                    "no room for the first directory and the last one in 16: " + narrow);
            assertTrue(narrow.contains("cgroup            ...criptive-name "), "its end, 16 characters, in 100 columns:\n" + narrow);
            int header = narrow.lines().filter(l -> l.startsWith("RESOURCE")).findFirst().orElseThrow().indexOf("UTILIZATION");
            assertEquals(35, header, "the narrow table's device column is 16 wide:\n" + narrow);
        } finally {
            for (Path root : roots) {
                Path dir = root.resolve(name.substring(1));
                Files.deleteIfExists(dir);
                Files.deleteIfExists(dir.getParent());
            }
        }
    }

    /** saturn use --cgroup NAME in a tmux window COLUMNS wide, as the window shows it. */
    private static String table(String cgroup, int columns) throws Exception {
        String session = "saturn-width-" + columns + "-" + ProcessHandle.current().pid();
        Path done = Files.createTempFile("saturn-width", ".done");
        Files.delete(done);
        String command = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName()
                + " use --interval 200ms --color never --cgroup " + cgroup + "; touch " + done + "; sleep 600";
        Tmux.run("new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", "60", command);
        try {
            Poll.untilTrue(Duration.ofSeconds(60), "saturn use to end in the window", () -> Files.exists(done));
            return Tmux.run("capture-pane", "-p", "-J", "-t", session, "-S", "-100");
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(done);
        }
    }
}
