package dev.saturn.collectors.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.ProfilingException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What /proc says of real processes: a child JVM, sleep, one that has exited. */
class TargetProcessTest {

    static Process jvm(String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Sleeper.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        assertEquals("ready", line);
        return p;
    }

    @Test
    void aChildJvmIsAJvm() throws Exception {
        Process p = jvm();
        try {
            TargetProcess t = TargetProcess.of(p.pid());
            assertTrue(t.jvm());
            assertEquals("java", t.comm());
            assertFalse(t.attachDisabled());
            assertFalse(t.foreignMounts());
            assertTrue(t.alive());
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void sleepIsNotAJvm() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            TargetProcess t = TargetProcess.of(p.pid());
            assertFalse(t.jvm());
            assertEquals("sleep", t.comm());
            ProfilingException e = assertThrows(ProfilingException.class, () -> JvmAttach.requireAttachable(t, "JFR control"));
            assertTrue(e.getMessage().contains("(sleep) is not a JVM"), e.getMessage());
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void disabledAttachIsSeenOnTheCommandLineAndInJavaToolOptions() throws Exception {
        Process flag = jvm("-XX:+DisableAttachMechanism");
        ProcessBuilder viaEnv = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(), Sleeper.class.getName());
        viaEnv.environment().put("JAVA_TOOL_OPTIONS", "-XX:+DisableAttachMechanism");
        Process env = viaEnv.start();
        try {
            new BufferedReader(new InputStreamReader(env.getInputStream())).readLine();
            assertTrue(TargetProcess.of(flag.pid()).attachDisabled());
            assertTrue(TargetProcess.of(env.pid()).attachDisabled());
            ProfilingException e = assertThrows(ProfilingException.class,
                    () -> JvmAttach.attach(TargetProcess.of(flag.pid()), "async-profiler"));
            assertTrue(e.getMessage().contains("restart it without that flag"), e.getMessage());
        } finally {
            flag.destroyForcibly().waitFor();
            env.destroyForcibly().waitFor();
        }
    }

    /** Root refused a process's maps (a container's init with capabilities saturn lacks, here) is not "another user". */
    @Test
    void rootRefusedByTheKernelIsNotToldToBecomeRoot() throws Exception {
        boolean root = java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        boolean refused = !java.nio.file.Files.isReadable(Path.of("/proc/1/maps"));
        try {
            java.nio.file.Files.readAllBytes(Path.of("/proc/1/maps"));
        } catch (java.io.IOException e) {
            refused = true;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root && refused,
                "needs root refused /proc/1/maps by the kernel, as in a container whose init holds more capabilities");
        String message = assertThrows(ProfilingException.class, () -> TargetProcess.of(1)).getMessage();
        assertTrue(message.startsWith("cannot read /proc/1/maps: the kernel refused it to root (the ptrace access check"), message);
    }

    @Test
    void anExitedProcessIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        ProfilingException e = assertThrows(ProfilingException.class, () -> TargetProcess.of(p.pid()));
        assertTrue(e.getMessage().contains("process " + p.pid() + " is gone"), e.getMessage());
        assertThrows(ProfilingException.class, () -> TargetProcess.of(0));
    }
}
