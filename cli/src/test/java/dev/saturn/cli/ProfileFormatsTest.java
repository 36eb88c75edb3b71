package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saturn profile into pprof and speedscope files, on real processes: go tool pprof reads the profile with the
 * total saturn reported and the sample type of the event.
 */
class ProfileFormatsTest {
    private static final Pattern WROTE = Pattern.compile("saturn: wrote \\S+: (\\d+) (\\S+) in ");

    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    /** What saturn said it wrote: the total. */
    private static long wrote(CliRun run) {
        Matcher m = WROTE.matcher(run.err());
        assertTrue(m.find(), run.err());
        return Long.parseLong(m.group(1));
    }

    @Test
    void perfProfileOfANativeProcessAsPprof() throws Exception {
        Needs.tool("perf");
        GoPprof.go();
        Process burner = children.nativeBurner(dir);
        Path pb = dir.resolve("burn.pb.gz");
        CliRun run = CliRun.of("profile", "-p", Long.toString(burner.pid()), "-d", "3s", "-o", pb.toString());
        assertEquals(0, run.exit(), run.err());
        GoPprof.Top top = GoPprof.top(pb);
        assertEquals(wrote(run), top.total(), run.err());
        assertTrue(top.functions().get("saturn_burn_leaf").flat() >= top.total() / 2, top.toString());
        String text = GoPprof.run(dir, "tool", "pprof", "-top", pb.toString());
        assertTrue(text.contains("Type: samples"), text);

        Path speedscope = dir.resolve("burn.speedscope.json");
        run = CliRun.of("profile", "-p", Long.toString(burner.pid()), "-d", "2s", "-o", speedscope.toString());
        assertEquals(0, run.exit(), run.err());
        String json = Files.readString(speedscope);
        assertTrue(json.startsWith("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\"")
                && json.contains("\"name\":\"Profile of " + burner.pid()) && json.contains("\"unit\":\"none\"")
                && json.contains("\"endValue\":" + wrote(run) + ","), json);
    }

    @Test
    void asyncProfilerAllocationProfileAsPprofIsInBytes() throws Exception {
        GoPprof.go();
        Process jvm = children.jvm("alloc");
        Path pb = dir.resolve("alloc.pprof");
        CliRun run = CliRun.of("profile", "-p", Long.toString(jvm.pid()), "-d", "1s", "--event", "alloc", "-o", pb.toString());
        assertEquals(0, run.exit(), run.err());
        String text = GoPprof.run(dir, "tool", "pprof", "-top", pb.toString());
        assertTrue(text.contains("Type: alloc"), text);
        GoPprof.Top top = GoPprof.top(pb, "-unit=B");
        assertEquals(wrote(run), top.total(), run.err() + text);
        long allocating = top.functions().entrySet().stream().filter(e -> e.getKey().contains("JavaBurner.allocate"))
                .mapToLong(e -> e.getValue().cum()).max().orElse(0);
        assertTrue(allocating >= top.total() / 2, text);
    }
}
