package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * collapse and flamegraph with no FILE, standard input a terminal: they say they are reading it, and
 * one Ctrl-D ends it. Run under script(1) (util-linux, on every Debian), which gives the command a
 * pseudo-terminal and sends it end-of-file when its own input (here /dev/null) ends.
 */
class TerminalInputTest {
    private static String underATerminal(String... args) throws Exception {
        String command = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName()
                + " " + String.join(" ", args);
        Process p = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "still waiting on the terminal after its end of input: " + String.join(" ", args));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void collapseSaysItIsReadingTheTerminal() throws Exception {
        String out = underATerminal("collapse");
        assertTrue(out.startsWith("saturn: reading stack samples (perf script, jstack, folded) from the terminal; "
                + "paste them and press Ctrl-D"), out);
    }

    @Test
    void flamegraphSaysSoAndEndsAtTheFirstEndOfInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // -o: with no FILE and stdout the terminal too, flamegraph refuses before it reads (FlamegraphCommandTest)
        String out = underATerminal("flamegraph", "-o", dir.resolve("flame.svg").toString());
        assertEquals("saturn: reading folded stacks from the terminal; paste them and press Ctrl-D, or give a FILE or pipe "
                + "them in (--help shows how)\nsaturn: no valid stack in stdin: the input is empty; expected lines such as "
                + "`main;work;leaf 42`\n", out);
    }

    @Test
    void anEmptyFileNameIsNotTheCurrentDirectory() {
        FlameRun run = FlameRun.viaMain(new byte[0], "collapse", "");
        assertEquals(2, run.exit());
        assertEquals("saturn: a FILE name is empty: give a file, or - for standard input\n", run.err());
    }
}
