package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.cli.output.Stdout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard output that fails under a command (a full disk, a closed descriptor, a reader gone) as main meets it. */
class StdoutFailureTest {
    @TempDir
    Path tmp;

    /** A stdout whose every write fails as the kernel said. */
    private static OutputStream failing(String reason) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(reason);
            }
        };
    }

    private static synchronized CliRun run(String reason, String... args) {
        PrintStream old = System.out;
        StringWriter err = new StringWriter();
        System.setOut(Stdout.recording(failing(reason), StandardCharsets.UTF_8));
        try {
            int exit = Saturn.execute(args, new PrintWriter(err, true));
            return new CliRun(exit, "", err.toString());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void aFullDiskIsAOneLineErrorNotExitZero() throws Exception {
        Path folded = tmp.resolve("a.folded");
        Files.writeString(folded, "main;work 5\n");
        for (String command : new String[] {"collapse", "flamegraph"}) {
            CliRun run = run("No space left on device", command, folded.toString());
            assertEquals(2, run.exit(), command + ": " + run.err());
            assertTrue(run.oneLineError(), run.err());
            assertTrue(run.err().startsWith("saturn: cannot write standard output: No space left on device"), run.err());
        }
        CliRun use = run("No space left on device", "use", "--interval", "100ms", "--json");
        assertEquals(2, use.exit(), use.err());
        assertTrue(use.oneLineError(), use.err());
    }

    @Test
    void aClosedStdoutSaysSo() throws Exception {
        Path folded = tmp.resolve("a.folded");
        Files.writeString(folded, "main;work 5\n");
        CliRun run = run("Bad file descriptor", "diff-folded", folded.toString(), folded.toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("saturn: cannot write standard output: it is closed; redirect it to a file or /dev/null\n", run.err());
    }

    @Test
    void aReaderThatWentAwayEndsQuietlyAndStopsTheSampling() {
        long start = System.nanoTime();
        CliRun run = run("Broken pipe", "use", "--interval", "1s", "--count", "5");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(seconds < 4, "kept sampling for " + seconds + " s after the reader went away");
    }
}
