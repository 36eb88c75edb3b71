package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `saturn flamegraph -o FILE` where FILE cannot be written, or fails half-way. */
class OutputFileTest {
    @TempDir
    Path tmp;

    private Path folded() throws Exception {
        Path in = tmp.resolve("a.folded");
        Files.writeString(in, "main;work 5\nmain;idle 3\n");
        return in;
    }

    @Test
    void aDirectoryAnEmptyNameOrAFullDeviceAreOneLineErrors() throws Exception {
        Path in = folded();
        FlameRun dir = FlameRun.viaMain(new byte[0], "flamegraph", in.toString(), "-o", tmp.toString());
        assertEquals(2, dir.exit(), dir.err());
        assertEquals("saturn: cannot write " + tmp + ": it is a directory; give a file name such as " + tmp.resolve("flame.svg") + "\n", dir.err());
        FlameRun empty = FlameRun.viaMain(new byte[0], "flamegraph", in.toString(), "-o", "");
        assertEquals(2, empty.exit(), empty.err());
        assertTrue(empty.oneLineError() && empty.err().contains("the output file name is empty"), empty.err());
        FlameRun full = FlameRun.viaMain(new byte[0], "flamegraph", in.toString(), "-o", "/dev/full");
        assertEquals(2, full.exit(), full.err());
        assertEquals("saturn: cannot write /dev/full: No space left on device\n", full.err());
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileAndNoTemporary() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            big.append("main;function_number_").append(i).append(' ').append(i + 1).append('\n');
        }
        Path in = tmp.resolve("big.folded");
        Files.writeString(in, big);
        Path out = tmp.resolve("out.svg");
        Files.writeString(out, "the previous graph\n");
        // a file size limit of 8 KiB: the write fails with EFBIG after the first 8 KiB (the JVM ignores SIGXFSZ)
        String java = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName();
        Process p = new ProcessBuilder("bash", "-c", "ulimit -f 8; exec " + java + " flamegraph " + in + " -o " + out)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), err);
        assertEquals("saturn: cannot write " + out + ": File too large\n", err);
        assertEquals("the previous graph\n", Files.readString(out));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("big.folded", "out.svg"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aCompleteWriteReplacesTheFile() throws Exception {
        Path out = tmp.resolve("out.svg");
        Files.writeString(out, "the previous graph\n");
        FlameRun run = FlameRun.viaMain(new byte[0], "flamegraph", folded().toString(), "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.readString(out).startsWith("<?xml"));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList());
        }
    }
}
