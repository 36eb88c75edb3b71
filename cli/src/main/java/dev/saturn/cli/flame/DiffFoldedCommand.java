package dev.saturn.cli.flame;

import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.flamegraph.folded.FoldedDiff;
import dev.saturn.flamegraph.folded.FoldedProfile;
import dev.saturn.flamegraph.input.StackReader;
import dev.saturn.flamegraph.parse.ParseStats;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff-folded", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Pair two folded profiles for a differential flame graph.",
            "",
            "Prints every stack of either file as `stack COUNT_BEFORE COUNT_AFTER` (0 where a file lacks "
                + "it), sorted, for `saturn flamegraph`: width from AFTER, red where a frame grew, blue where it "
                + "shrank. Duplicate stacks within a file are summed.",
            ""},
        footer = {"",
            "Examples:",
            "  saturn diff-folded before.folded after.folded | saturn flamegraph > d.svg",
            "  saturn diff-folded -n -s before.folded after.folded > diff.folded",
            "  perf script | saturn collapse | saturn diff-folded before.folded - > diff.folded",
            "  saturn diff-folded after.folded before.folded \\",
            "      | saturn flamegraph --negate > shrank.svg",
            "    (widths from BEFORE: what disappeared is as wide as it was;",
            "     red still means grew)",
            "",
            "saturn flamegraph itself scales the first column to the second's total",
            "(--no-normalize shows raw counts); -n bakes that scaling into the counts,",
            "as difffolded.pl -n does. Exit 2 when a file is missing or has no valid",
            "stack. Either file may be - for standard input. Page: docs/flamegraph.md."})
public final class DiffFoldedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Standard error when the fast path ({@link FastArguments}) set it, else picocli's. */
    PrintWriter err;

    @Option(names = "-n", description = "Normalize: scale the BEFORE counts so that both totals match (int(count * total2 / total1)).")
    boolean normalize;

    @Option(names = "-s", description = "Strip hex numbers (addresses): 0x7f3a... becomes 0x..., so that they merge.")
    boolean stripHex;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "Folded stacks of the baseline.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "Folded stacks to compare with it.")
    Path after;

    @Mixin
    VerboseOption verbose;

    private PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }

    @Override
    public Integer call() throws IOException {
        UnaryOperator<String> key = stripHex ? FoldedDiff.stripHex() : UnaryOperator.identity();
        if (before.toString().equals(FlameInput.STDIN) && after.toString().equals(FlameInput.STDIN)) {
            throw new UserException("BEFORE and AFTER are both - (standard input): give at least one of them as a file");
        }
        FlameInput.hintIfTerminal(java.util.List.of(before.toString(), after.toString()), err(), "folded stacks");
        FoldedProfile first = read(before, key);
        FoldedProfile second = read(after, key);
        OutputStream stdout = System.out;
        try (OutputStream out = new BufferedOutputStream(new FilterOutputStream(stdout) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stdout.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                stdout.flush();
            }
        }, 1 << 16)) {
            FoldedDiff.write(first, second, normalize, out);
        }
        return 0;
    }

    private FoldedProfile read(Path file, UnaryOperator<String> key) {
        FoldedProfile profile = new FoldedProfile(key);
        ParseStats stats;
        try (InputStream in = FlameInput.open(file.toString())) {
            stats = FlameInput.read(file.toString(), in, StackReader.folded(), profile).stats();
        } catch (IOException e) {
            throw FlameInput.readError(file.toString(), e);
        }
        if (profile.size() == 0) {
            throw new UserException("no valid stack in " + FlameInput.display(file.toString()) + (stats.invalidLines() > 0
                    ? " (" + stats.invalidMessage() + ")" : ": the file is empty")
                    + "; expected lines such as `main;work;leaf 42`");
        }
        if (stats.invalidLines() > 0) {
            PrintWriter err = err();
            err.println("saturn: " + file + ": " + stats.invalidMessage());
            err.flush();
        }
        return profile;
    }
}
