package dev.saturn.cli;

import dev.saturn.testkit.CpuTime;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real processes to profile: a child JVM (JavaBurner), a native burner compiled with gcc, sleep. */
final class Children implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    /** A JavaBurner in the given mode, once it says it is ready. */
    Process jvm(String mode, String... jvmOptions) throws IOException {
        return jvmFor(mode, null, jvmOptions);
    }

    /** A JavaBurner that exits by itself once its threads have had {@code lifetimeMillis} of CPU time after it is ready. */
    Process jvmFor(String mode, Long lifetimeMillis, String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", testClasses().toString(), JavaBurner.class.getName(), mode));
        if (lifetimeMillis != null) {
            cmd.add(Long.toString(lifetimeMillis));
        }
        Process p = start(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new IllegalStateException("JavaBurner " + mode + " did not start: " + line);
        }
        return p;
    }

    /** The native burner (src/test/resources/profile/burn.c), compiled into dir and started. */
    Process nativeBurner(Path dir) throws IOException, InterruptedException {
        Path src = dir.resolve("burn.c");
        Path bin = dir.resolve("saturn-burn");
        try (var in = Children.class.getResourceAsStream("/profile/burn.c")) {
            Files.copy(in, src);
        }
        Process gcc = new ProcessBuilder(Needs.tool("gcc").toString(), "-O1", "-fno-omit-frame-pointer", "-o", bin.toString(), src.toString())
                .redirectErrorStream(true).start();
        String said = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed: " + said);
        }
        Process p = start(new ProcessBuilder(bin.toString()));
        Poll.untilTrue(Duration.ofSeconds(60), "the native burner on a CPU", () -> Files.readString(Path.of("/proc/" + p.pid() + "/comm"))
                .strip().equals("saturn-burn") && CpuTime.ofProcess(p.pid()).toMillis() >= 20);
        return p;
    }

    Process sleep() throws IOException {
        return start(new ProcessBuilder("sleep", "60"));
    }

    /** The pid of a process that has exited. */
    static long exitedPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static Path testClasses() {
        try {
            return Path.of(JavaBurner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
