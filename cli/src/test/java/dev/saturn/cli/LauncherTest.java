package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/saturn where it cannot start java: a copy of it beside a stand-in jar, so that the build need not have run. */
class LauncherTest {
    @TempDir
    Path tmp;

    private String run(String path) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(Path.of("../bin/saturn"), bin.resolve("saturn"));
        Files.createDirectories(tmp.resolve("cli/target"));
        Files.createFile(tmp.resolve("cli/target/saturn.jar"));
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", bin.resolve("saturn").toString(), "--version").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", path);
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), out);
        return out;
    }

    @Test
    void noJavaOnPathIsAOneLineErrorThatSaysWhatToInstall() throws Exception {
        // was bash's "bin/saturn: line 32: exec: java: not found" and exit 127
        assertEquals("saturn: no java on PATH: install a JDK 17 or later (apt-get install openjdk-17-jre-headless), "
                + "or set JAVA_HOME\n", run(tmp.resolve("empty-path").toString()));
    }
}
