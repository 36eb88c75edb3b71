package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** saturn snapshot DIR where the roots are wrong or the write fails. */
class SnapshotCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aSysRootThatIsNotASysIsRefusedLikeAProcRoot() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        CliRun run = CliRun.of("snapshot", "--sys-root", empty.toString(), tmp.resolve("snap").toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("saturn: " + empty + " does not look like /sys (no block in it): point --sys-root at a mounted /sys\n", run.err());
        assertFalse(Files.exists(tmp.resolve("snap")), "nothing written");
    }

    @Test
    void aFailedWriteRemovesThePartialTree() throws Exception {
        Path snap = tmp.resolve("snap");
        // files of at most 1 KiB: /proc/meminfo is larger, so the write fails with EFBIG part-way
        String java = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName();
        Process p = new ProcessBuilder("bash", "-c", "ulimit -f 1; exec " + java + " snapshot " + snap)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), err);
        assertEquals("saturn: cannot write snapshot to " + snap + ": File too large (the partial tree is removed)\n", err);
        assertFalse(Files.exists(snap), "a partial tree would pass for a snapshot");
    }

    @Test
    void aDirectoryThatCannotBeCreatedSaysWhy() {
        CliRun run = CliRun.of("snapshot", "/proc/saturn-snapshot");
        assertEquals(2, run.exit(), run.err());
        assertEquals("saturn: cannot write snapshot to /proc/saturn-snapshot: no such directory\n", run.err());
    }
}
