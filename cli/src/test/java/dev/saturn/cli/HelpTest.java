package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What `--help` teaches: a one-line description in `saturn --help`, examples, and the page that says more. */
class HelpTest {
    private static final List<List<String>> COMMANDS = List.of(List.of("use"), List.of("snapshot"), List.of("collapse"),
            List.of("flamegraph"), List.of("diff-folded"), List.of("stat"), List.of("jfr"), List.of("jfr", "start"),
            List.of("jfr", "dump"), List.of("jfr", "stop"), List.of("jfr", "summary"));
    private static final Pattern PAGE = Pattern.compile("docs/([a-z-]+\\.md)");

    @Test
    void eachCommandReadsAsOneLineInTheList() {
        List<String> lines = CliRun.of("--help").out().lines().toList();
        for (String name : List.of("use", "snapshot", "collapse", "flamegraph", "diff-folded", "stat", "jfr")) {
            int i = 0;
            while (i < lines.size() && !lines.get(i).startsWith("  " + name + " ")) {
                i++;
            }
            assertTrue(i < lines.size(), name + " listed");
            assertTrue(i + 1 == lines.size() || !lines.get(i + 1).startsWith("               "),
                    name + "'s description wraps onto a second line: " + lines.get(i) + " / " + lines.get(i + 1));
        }
    }

    @Test
    void eachHelpHasExamplesAndNamesAPageThatExists() {
        for (List<String> command : COMMANDS) {
            String[] args = new String[command.size() + 1];
            for (int i = 0; i < command.size(); i++) {
                args[i] = command.get(i);
            }
            args[command.size()] = "--help";
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exit(), String.join(" ", command));
            assertTrue(run.out().contains("Examples:"), String.join(" ", command) + ":\n" + run.out());
            Matcher page = PAGE.matcher(run.out());
            assertTrue(page.find(), String.join(" ", command) + " names no docs page:\n" + run.out());
            do {
                assertTrue(Files.isRegularFile(Path.of("../docs").resolve(page.group(1))), page.group() + " does not exist");
            } while (page.find());
        }
    }

    @Test
    void aMistypedCommandIsNamedWithWhatWasMeant() {
        CliRun typo = CliRun.of("flamegrap");
        assertEquals(2, typo.exit());
        assertEquals("saturn: unknown command 'flamegrap': did you mean flamegraph? (try `saturn --help`)\n", typo.err());
        CliRun unknown = CliRun.of("bogus");
        assertEquals("saturn: unknown command 'bogus' (try `saturn --help`)\n", unknown.err());
        CliRun sub = CliRun.of("jfr", "sumary", "x.jfr");
        assertEquals(2, sub.exit());
        assertTrue(sub.err().startsWith("saturn: unknown command 'sumary': did you mean summary?"), sub.err());
        CliRun stray = CliRun.of("use", "1", "2", "extra");
        assertEquals("saturn: unexpected argument 'extra' (try `saturn use --help`)\n", stray.err());
        CliRun notAnInterval = CliRun.of("use", "extra");
        assertTrue(notAnInterval.err().startsWith("saturn: Invalid value for positional parameter at index 0 (INTERVAL): 'extra' is not a duration"),
                notAnInterval.err());
    }
}
