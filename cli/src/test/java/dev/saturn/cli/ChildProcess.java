package dev.saturn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child process of the tests: a JVM on this test classpath, or any command, waited on until it prints "ready". */
final class ChildProcess implements AutoCloseable {
    final Process process;

    private ChildProcess(Process process) {
        this.process = process;
    }

    /**
     * A prefix that gives the child Ctrl-C's default disposition. A test run started in the background
     * (nohup, `cmd &` in a script) hands SIGINT down ignored, and a JVM that starts with it ignored installs no
     * handler for it: a test of what Ctrl-C does would then see nothing happen.
     */
    static final List<String> INTERRUPTIBLE = List.of("env", "--default-signal=INT");

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code main} in a JVM on this test classpath, after an optional command prefix (setpriv ...). */
    static ChildProcess jvm(List<String> prefix, String classpath, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(java(), "-Xmx64m", "-cp", classpath, main));
        command.addAll(List.of(args));
        return new ChildProcess(new ProcessBuilder(command).start());
    }

    static ChildProcess burner(String... args) throws IOException {
        ChildProcess child = jvm(List.of(), System.getProperty("java.class.path"), StatBurner.class.getName(), args);
        child.awaitLine("ready");
        return child;
    }

    /** Reads stdout until a line equal to {@code expected}. */
    void awaitLine(String expected) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!expected.equals(line)) {
            process.destroyForcibly();
            throw new AssertionError("child said " + line + ", not " + expected);
        }
    }

    /** Writes a line to the child's standard input. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    int pid() {
        return (int) process.pid();
    }

    /** utime + stime of the whole process (exited threads included), in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100
    }

    String stdout() throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Its stderr, copied line by line into a buffer the test reads as it grows (a daemon thread). */
    StringBuffer stderrLines() {
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    log.append(line).append('\n');
                }
            } catch (IOException e) {
                log.append("(stderr closed: ").append(e.getMessage()).append(")\n");
            }
        }, "child-stderr");
        reader.setDaemon(true);
        reader.start();
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
