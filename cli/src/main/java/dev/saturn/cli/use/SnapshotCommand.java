package dev.saturn.cli.use;

import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.HostRoots;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.SnapshotWriter;
import dev.saturn.cli.output.OutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Copy /proc and /sys into a tree, to analyze later or elsewhere.", "",
            "Copies the kernel files saturn reads into DIR; `saturn use --snapshot-pair BEFORE AFTER` "
                + "analyzes two such trees.", ""},
        footer = {"", "Examples:", "  saturn snapshot /tmp/before; sleep 10; saturn snapshot /tmp/after",
            "  saturn use --snapshot-pair /tmp/before /tmp/after",
            "  saturn snapshot --proc-root /host/proc --sys-root /host/sys --root-fs /host /tmp/host",
            "", "Page: docs/snapshot.md."})
public final class SnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Directory to write (created; must be empty if it exists).")
    Path dir;

    @Mixin
    HostRoots roots;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        HostPaths paths = roots.live();
        boolean created;
        try {
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new UserException(dir + " exists and is not empty: give a new directory");
                    }
                }
                created = false;
            } else if (Files.exists(dir)) {
                throw new UserException(dir + " exists and is not a directory");
            } else {
                created = true;
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + dir + ": " + OutputFile.reason(e));
        }
        try {
            int files = new SnapshotWriter(paths).write(dir);
            spec.commandLine().getErr().println("saturn: wrote " + files + " files to " + dir);
            return 0;
        } catch (IOException e) {
            throw new UserException("cannot write snapshot to " + dir + ": " + OutputFile.reason(e) + removePartial(dir, created));
        }
    }

    /** Deletes what a failed write left in {@code dir}, and dir itself when this run created it; says what it did. */
    private static String removePartial(Path dir, boolean created) {
        if (!Files.exists(dir)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (created || !p.equals(dir)) {
                    Files.delete(p);
                }
            }
            return " (the partial tree is removed)";
        } catch (IOException | UncheckedIOException e) {
            return " (a partial tree is left in it: remove it)";
        }
    }
}
