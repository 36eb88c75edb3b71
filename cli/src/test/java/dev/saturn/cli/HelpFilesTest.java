package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.cli.help.HelpFiles;
import dev.saturn.testkit.Needs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help where people look: a manual page for saturn and each command, made from the command model (every option of
 * the model on its page, rendered by man without a warning), bash and zsh completion that complete commands, options
 * and their values, `saturn help COMMAND` and a `saturn --version` that names the commit.
 */
class HelpFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasAPageWithEveryOptionThatManRendersWithoutWarnings() throws Exception {
        Needs.tools("man", "groff");
        HelpFiles.write(Saturn.commandLine(), dir);
        Map<String, CommandSpec> commands = new java.util.LinkedHashMap<>();
        visible(Saturn.commandLine().getCommandSpec(), commands);
        assertTrue(commands.keySet().containsAll(List.of("saturn", "saturn-use", "saturn-flamegraph", "saturn-jfr-summary")), commands.keySet().toString());
        try (var files = Files.list(dir.resolve("man/man1"))) {
            assertEquals(new TreeSet<>(commands.keySet().stream().map(n -> n + ".1").toList()),
                    new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()), "one page per command, no other");
        }
        for (var e : commands.entrySet()) {
            Path page = dir.resolve("man/man1/" + e.getKey() + ".1");
            String warnings = run(List.of("groff", "-man", "-ww", "-z", "-Tutf8", page.toString()), Map.of());
            assertEquals("", warnings, page + ": groff's warnings");
            String text = run(List.of("man", "-l", page.toString()), Map.of("MANWIDTH", "100", "MAN_KEEP_FORMATTING", "")).replaceAll(".\b", "");
            // man justifies the NAME line: "saturn-jfr-dump  -  Write ..."
            assertTrue(text.contains("NAME") && text.replaceAll("\\s+", " ").contains(e.getKey() + " - "), page + ":\n" + text);
            assertTrue(text.contains("SYNOPSIS") && text.contains(e.getValue().qualifiedName(" ")), page + ":\n" + text);
            for (OptionSpec o : e.getValue().options()) {
                if (!o.hidden()) {
                    assertTrue(text.contains(o.longestName()), page + " lacks " + o.longestName() + ":\n" + text);
                }
            }
        }
        String use = run(List.of("man", "-l", dir.resolve("man/man1/saturn-use.1").toString()), Map.of("MANWIDTH", "100"));
        assertTrue(use.contains("EXAMPLES") && use.contains("saturn use --json | jq"), "the footer's examples:\n" + use);
        assertTrue(use.contains("saturn(1)"), "SEE ALSO the main page:\n" + use);
    }

    @Test
    void bashCompletesCommandsOptionsAndTheirValues() throws Exception {
        Needs.tool("bash");
        HelpFiles.write(Saturn.commandLine(), dir);
        String script = "source " + dir.resolve("completion/saturn.bash") + "\n" + COMPLETE + "\n"
                + "c saturn u\nc saturn use --int\nc saturn use --fail-on ''\nc saturn jfr su\nc saturn flamegraph --inv\n";
        String out = run(List.of("bash", "-c", script), Map.of());
        assertEquals(List.of("[use]", "[--interval]", "[warn crit]", "[summary]", "[--inverted]"), lines(out), out);
    }

    @Test
    void zshCompletesThroughTheSameScript() throws Exception {
        Needs.tool("zsh");
        HelpFiles.write(Saturn.commandLine(), dir);
        // _saturn finds the bash script beside itself where no package installed it
        String script = "autoload -U +X compinit && compinit -u\nsource " + dir.resolve("completion/_saturn") + "\n"
                // zsh runs bash completion functions with KSH_ARRAYS (bashcompinit's _bash_complete): so does c
                + "c() { setopt localoptions ksharrays; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); "
                + "_complete_saturn 2>/dev/null; print -r -- \"[${COMPREPLY[*]}]\"; }\n"
                + "c saturn u\nc saturn use --int\n";
        String out = run(List.of("zsh", "-f", "-c", script), Map.of());
        // zsh's compgen (bashcompinit) offers every candidate and its compadd keeps those that begin as the word does
        List<String> offered = lines(out);
        assertEquals(2, offered.size(), out);
        assertEquals(List.of("use"), begins(offered.get(0), "u"), out);
        assertEquals(List.of("--interval"), begins(offered.get(1), "--int"), out);
    }

    @Test
    void helpCommandAndVersion() {
        String out = CliRun.of("help", "use").out();
        assertTrue(out.startsWith("Usage: saturn use"), out);
        assertTrue(out.contains("--interval=DURATION"), out);

        String version = CliRun.of("--version").out();
        assertTrue(version.matches("(?s)saturn \\S+ \\(commit ([0-9a-f]{12}(-modified)?|unknown), \\d{4}-\\d{2}-\\d{2}\\)\nJava .*"), version);
    }

    /** bash's completion of one command line, as the shell calls it: c WORD... prints "[candidates]". */
    private static final String COMPLETE = "c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; "
            + "COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_saturn 2>/dev/null; echo \"[${COMPREPLY[*]}]\"; }";

    private static void visible(CommandSpec spec, Map<String, CommandSpec> out) {
        if (spec.usageMessage().hidden()) {
            return;
        }
        out.put(spec.qualifiedName("-"), spec);
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getCommandSpec().parent() == spec && !sub.getCommandSpec().name().equals("help")) {
                visible(sub.getCommandSpec(), out);
            }
        }
    }

    private static List<String> begins(String offered, String prefix) {
        return java.util.Arrays.stream(offered.substring(1, offered.length() - 1).split(" ")).filter(w -> w.startsWith(prefix)).toList();
    }

    private static List<String> lines(String out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
