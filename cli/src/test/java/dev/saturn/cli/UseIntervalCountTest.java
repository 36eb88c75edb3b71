package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * sysstat's habits: `saturn use 1 3` as `vmstat 1 3`, an interval alone reports until Ctrl-C, and --brief prints
 * one line per report with the header again every screenful (checked in a tmux window 10 rows high).
 */
class UseIntervalCountTest {
    private static final Pattern BRIEF_LINE = Pattern.compile("\\d{2}:\\d{2}:\\d{2}  .*");

    @Test
    void intervalAndCountAsVmstatTakesThem() {
        CliRun r = CliRun.of("use", "0.2", "2");
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, count(r.out(), "RESOURCE "), "two reports:\n" + r.out());
        java.util.regex.Matcher over = Pattern.compile("over (\\d+\\.\\d+) s").matcher(r.out());
        assertTrue(over.find(), r.out());
        double seconds = Double.parseDouble(over.group(1));
        assertTrue(seconds >= 0.19 && seconds < 1.5, "0.2 is seconds (a busy machine stretches it): " + seconds);
    }

    @Test
    void briefIsOneLinePerReportUnderOneHeader() {
        CliRun r = CliRun.of("use", "200ms", "3", "--brief");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).matches("TIME +CPU +MEMORY +.*"), "the header: " + lines.get(0));
        for (String line : lines.subList(1, 4)) {
            assertTrue(BRIEF_LINE.matcher(line).matches(), "a report's line: " + line);
            assertTrue(line.matches(".*\\d+\\.\\d% busy.*"), "the CPU's busy share: " + line);
        }
        int memory = lines.get(0).indexOf("MEMORY");
        assertTrue(lines.get(1).substring(memory).matches("\\d+\\.\\d% used.*"), "columns line up under their header:\n" + r.out());
    }

    @Test
    void mistakesAreOneLine() {
        List<String[]> cases = List.of(
                new String[] {"the interval is given twice (INTERVAL and --interval): give one", "use", "1", "--interval", "2s"},
                new String[] {"the count is given twice (COUNT and --count): give one", "use", "1", "2", "--count", "3"},
                new String[] {"COUNT must be at least 1, got 0", "use", "1", "0"},
                new String[] {"--brief is a line of text per report; --json is JSON: give one of them", "use", "1", "1", "--brief", "--json"});
        for (String[] c : cases) {
            CliRun r = CliRun.of(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, r.exit(), String.join(" ", c));
            assertEquals("saturn: " + c[0] + "\n", r.err(), String.join(" ", c));
        }
        CliRun bad = CliRun.of("use", "soon");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("saturn: ") && bad.err().contains("soon") && bad.err().lines().count() == 1, bad.err());
    }

    @Test
    void anIntervalAloneReportsUntilInterrupted() throws Exception {
        Needs.tool("kill");
        try (ChildProcess use = ChildProcess.jvm(ChildProcess.INTERRUPTIBLE, System.getProperty("java.class.path"), Saturn.class.getName(),
                "use", "0.2", "--brief")) {
            BufferedReader out = new BufferedReader(new InputStreamReader(use.process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            // more reports than any count would give by default: it goes on
            Poll.until(Duration.ofSeconds(60), "five reports", () -> {
                String line = out.readLine();
                if (line != null) {
                    lines.add(line);
                }
                return lines.size() >= 6 ? Optional.of(lines) : Optional.empty();
            });
            assertTrue(use.process.isAlive(), "still reporting");
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(use.pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            assertTrue(use.process.waitFor(30, TimeUnit.SECONDS), "Ctrl-C ends it");
            assertEquals(130, use.process.exitValue(), "the shell's status for an interrupted command");
            assertEquals(1, lines.stream().filter(l -> l.startsWith("TIME")).count(), "one header into a pipe: " + lines);
        }
    }

    @Test
    void theHeaderComesAgainEachScreenful() throws Exception {
        Needs.tool("tmux");
        String session = "saturn-brief-" + ProcessHandle.current().pid();
        String command = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName()
                + " use 0.2 --brief --color never";
        Tmux.run("new-session", "-d", "-s", session, "-x", "250", "-y", "10", command);
        try {
            // 10 rows: a header, then 8 lines, then the header again
            String screen = Poll.until(Duration.ofSeconds(60), "twenty lines in the window's history", () -> {
                String text = Tmux.run("capture-pane", "-p", "-t", session, "-S", "-200");
                return text.lines().filter(l -> BRIEF_LINE.matcher(l).matches()).count() >= 20 ? Optional.of(text) : Optional.empty();
            });
            List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
            List<Integer> headers = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("TIME")) {
                    headers.add(i);
                }
            }
            assertTrue(headers.size() >= 2, "the header more than once:\n" + screen);
            for (int i = 1; i < headers.size(); i++) {
                assertEquals(9, headers.get(i) - headers.get(i - 1), "a header every 9 lines in 10 rows:\n" + screen);
            }
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
