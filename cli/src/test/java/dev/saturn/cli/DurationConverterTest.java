package dev.saturn.cli;

import dev.saturn.cli.options.DurationConverter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options' side of the one duration grammar (its table: DurationSpecTest in collectors). */
class DurationConverterTest {
    @Test
    void everyDurationOptionOfEveryCommandReadsTheOneGrammar() throws Exception {
        List<String> names = new ArrayList<>();
        for (CommandLine command : commands(Saturn.commandLine(), new ArrayList<>())) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.type() != Duration.class) {
                    continue;
                }
                String name = command.getCommandName() + " " + option.longestName();
                names.add(name);
                assertEquals(1, option.converters().length, name + " has no converter: picocli's own reads only PT1H");
                CommandLine.ITypeConverter<?> converter = option.converters()[0];
                assertEquals(Duration.ofDays(1), converter.convert("1d"), name);
                assertEquals(Duration.ofDays(14), converter.convert("2w"), name);
                assertEquals(Duration.ofMinutes(90), converter.convert("1h30m"), name);
                assertEquals(Duration.ofMillis(500), converter.convert("500ms"), name);
                assertEquals(Duration.ofSeconds(5), converter.convert("5"), name);
            }
        }
        assertTrue(names.containsAll(List.of("agent --interval", "agent --retention", "agent --profile-duration", "agent --profile-gap",
                "history --step", "use --interval", "stat --duration", "profile --duration", "start --duration", "start --max-age")), names.toString());
    }

    private static List<CommandLine> commands(CommandLine cli, List<CommandLine> all) {
        all.add(cli);
        cli.getSubcommands().values().forEach(sub -> commands(sub, all));
        return all;
    }

    @Test
    void aWrongDurationIsOneLineNamingTheOptionAndTheForms() {
        String[][] runs = {
            {"use", "--interval", "10x"}, {"agent", "--profile-gap", "10x"}, {"agent", "--retention", "1y"},
            {"history", "--step", "5d3"}, {"stat", "-p", "1", "--duration", "1e9s"}, {"profile", "--all", "-d", ""}};
        for (String[] args : runs) {
            CliRun run = CliRun.of(args);
            String shown = String.join(" ", args) + ": " + run.err();
            assertEquals(2, run.exit(), shown);
            assertTrue(run.oneLineError(), shown);
            assertTrue(run.err().contains("'" + args[args.length - 1] + "'") && run.err().contains("is not a duration: give e.g. 500ms, 30s"), shown);
        }
    }

    @Test
    void zeroNegativeAndOverflowingDurationsAreRefused() {
        for (String odd : new String[] {"0", "0s", "0.0000000001s"}) {
            CliRun run = CliRun.of("stat", "-p", "1", "--duration", odd);
            assertEquals(2, run.exit(), odd + ": " + run.err());
            assertTrue(run.err().contains("'" + odd + "' is not a positive duration"), odd + ": " + run.err());
        }
        CliRun negative = CliRun.of("use", "--interval=-1s");
        assertEquals(2, negative.exit(), negative.err());
        assertTrue(negative.err().contains("'-1s' is negative"), negative.err());
        // 1e20 s used to round to Long.MAX_VALUE ns and overflow the deadline: a 0.02 s report
        CliRun run = CliRun.of("use", "--interval", "100000000000000000000s");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("is too long a duration"), run.err());
    }

    @Test
    void theAgentsConfigFileReadsTheSameGrammarAndNamesTheKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("saturn.conf"), "trigger.min_gap = 10x\n");
        CliRun run;
        // a port already taken: were the file read without complaint, the agent would stop at once, not run on
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            run = CliRun.of("agent", "--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--listen", "127.0.0.1:" + taken.getLocalPort());
        }
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains("trigger.min_gap: '10x' is not a duration: give e.g. 500ms"), run.err());
    }

    @Test
    void theProfileGapIsOneRuleOnTheCommandLineAndInTheConfig(@TempDir Path dir) throws Exception {
        Path zero = Files.writeString(dir.resolve("zero.conf"), "trigger.min_gap = 0\n");
        Path negative = Files.writeString(dir.resolve("negative.conf"), "trigger.min_gap = -1s\n");
        String data = dir.resolve("data").toString();
        // a port already taken: an accepted gap gets as far as listening, and stops there
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            for (String[] accepted : new String[][] {{"--profile-gap", "0"}, {"--config", zero.toString()}}) {
                CliRun run = CliRun.of("agent", accepted[0], accepted[1], "--data-dir", data, "--listen", listen);
                assertEquals(2, run.exit(), run.err());
                assertTrue(run.err().startsWith("saturn: cannot listen on " + listen), String.join(" ", accepted) + ": " + run.err());
            }
            CliRun option = CliRun.of("agent", "--profile-gap=-1s", "--data-dir", data, "--listen", listen);
            CliRun config = CliRun.of("agent", "--config", negative.toString(), "--data-dir", data, "--listen", listen);
            for (CliRun run : new CliRun[] {option, config}) {
                assertEquals(2, run.exit(), run.err());
                assertTrue(run.oneLineError() && run.err().contains("'-1s' is negative"), run.err());
            }
        }
    }
}
