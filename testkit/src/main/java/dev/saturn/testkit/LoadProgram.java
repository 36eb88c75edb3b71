package dev.saturn.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The load program of the per-process tests (load.c beside this class: CPU, memory, disk, fds, threads, sockets), compiled with gcc. */
public final class LoadProgram {
    private LoadProgram() {
    }

    /** Compiles load.c into {@code dir} and returns the binary; an AssertionError with gcc's output if it fails. */
    public static Path compile(Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve("load.c");
        try (InputStream in = LoadProgram.class.getResourceAsStream("load.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path binary = dir.resolve("load");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-pthread", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed: " + out);
        }
        return binary;
    }

    /**
     * Starts the compiled program in {@code mode} with {@code arg} and returns it once it says "ready"; an
     * AssertionError with what it said instead. The caller destroys it.
     */
    public static Process start(Path binary, String mode, String arg) throws IOException {
        Process p = new ProcessBuilder(binary.toString(), mode, arg).redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("the load (" + mode + " " + arg + ") did not start: " + line);
        }
        return p;
    }
}
