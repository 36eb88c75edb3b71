package dev.saturn.collectors.perf;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child that dies with the thread that started it, even when the JVM is killed with SIGKILL and has no chance
 * to stop it: util-linux's {@code setpriv --pdeathsig KILL} sets PR_SET_PDEATHSIG and then executes the command
 * (the pid stays the command's). Java cannot run prctl between fork and exec itself. Without a setpriv that
 * knows the option (util-linux before 2.33, busybox), the command runs as it is.
 */
final class DeathSignal {
    private static volatile List<String> prefix;

    private DeathSignal() {
    }

    /** The words to put before a command: {@code setpriv --pdeathsig KILL --}, or none. */
    static List<String> prefix() {
        List<String> p = prefix;
        if (p == null) {
            p = find();
            prefix = p;
        }
        return p;
    }

    private static List<String> find() {
        String path = System.getenv("PATH");
        for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
            Path setpriv = Path.of(d.isEmpty() ? "." : d, "setpriv");
            if (Files.isRegularFile(setpriv) && Files.isExecutable(setpriv) && knowsPdeathsig(setpriv)) {
                return List.of(setpriv.toString(), "--pdeathsig", "KILL", "--");
            }
        }
        return List.of();
    }

    private static boolean knowsPdeathsig(Path setpriv) {
        try {
            Process p = new ProcessBuilder(setpriv.toString(), "--help").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] help = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return new String(help, StandardCharsets.ISO_8859_1).contains("--pdeathsig");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
