package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Go's own tools, as PprofTest runs them: {@code go build} and {@code go tool pprof} (Debian's golang-go,
 * which .ci/run installs), offline, with a build cache under target/.
 */
final class GoPprof {
    private GoPprof() {
    }

    /** What {@code go tool pprof -top} shows: the total and each function's values. */
    record Top(long total, Map<String, FunctionValues.Values> functions) {
    }

    static Path go() {
        return Needs.tool("go");
    }

    /** Runs go with {@code args} in {@code dir}; its output, or an AssertionError with it. */
    static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(go().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GOCACHE", Path.of("target/go-cache").toAbsolutePath().toString());
        pb.environment().put("GOPATH", Path.of("target/go-path").toAbsolutePath().toString());
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOPROXY", "off");
        pb.environment().put("GOFLAGS", "-mod=mod");
        pb.environment().put("PPROF_TMPDIR", dir.toString());
        Path stderr = Files.createTempFile(dir, "go-", ".err");
        Process p = pb.redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        String err = Files.readString(stderr);
        assertTrue(ended && p.exitValue() == 0, "go " + String.join(" ", args) + " failed: " + out + err);
        return out;
    }

    /** Builds the resource {@code source} (a main package) in {@code dir}; the binary. */
    static Path build(Path dir, String source) throws IOException, InterruptedException {
        Path file = dir.resolve(Path.of(source).getFileName().toString());
        try (InputStream in = GoPprof.class.getResourceAsStream(source)) {
            Files.write(file, in.readAllBytes());
        }
        Path binary = dir.resolve("prog");
        run(dir, "build", "-o", binary.toString(), file.toString());
        return binary;
    }

    /** {@code go tool pprof -top} of {@code profile} with every node shown, values in {@code unit} and the given options. */
    static Top top(Path profile, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("tool", "pprof", "-top", "-nodefraction=0", "-nodecount=1000000"));
        args.addAll(List.of(options));
        args.add(profile.toString());
        String out = run(profile.getParent(), args.toArray(String[]::new));
        Map<String, FunctionValues.Values> functions = new TreeMap<>();
        long total = -1;
        boolean rows = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("Showing nodes accounting for ")) {
                String of = line.substring(line.indexOf("% of ") + 5, line.lastIndexOf(" total"));
                total = number(of);
            } else if (line.strip().startsWith("flat  flat%")) {
                rows = true;
            } else if (rows && !line.isBlank()) {
                String[] f = line.strip().split("\\s+", 6);
                // pprof marks a function inlined at some call sites; saturn's frames are functions
                String name = f[5].endsWith(" (inline)") ? f[5].substring(0, f[5].length() - 9) : f[5];
                FunctionValues.Values v = new FunctionValues.Values(number(f[0]), number(f[3]));
                functions.merge(name, v, (a, b) -> new FunctionValues.Values(a.flat() + b.flat(), a.cum() + b.cum()));
            }
        }
        assertTrue(total >= 0, "no total in go tool pprof -top: " + out);
        return new Top(total, functions);
    }

    /** {@code go tool pprof -traces}: each sample's stack, root first as folded, and its value summed over equal stacks. */
    static Map<String, Long> traces(Path profile) throws IOException, InterruptedException {
        String out = run(profile.getParent(), "tool", "pprof", "-traces", profile.toString());
        Map<String, Long> stacks = new TreeMap<>();
        for (String block : out.split("-----------\\+-+\n")) {
            List<String> frames = new ArrayList<>();
            long value = -1;
            // a value right-aligned in 10 columns, then the leaf from column 13; its callers below, from column 13
            for (String line : block.split("\n")) {
                if (line.length() <= 13 || !line.startsWith(" ")) {
                    continue;
                }
                if (!line.substring(0, 10).isBlank()) {
                    value = number(line.substring(0, 10).strip());
                }
                frames.add(0, line.substring(13));
            }
            if (value >= 0) {
                stacks.merge(String.join(";", frames), value, Long::sum);
            }
        }
        return stacks;
    }

    /** 12, 1200ns, 0: the number, without a unit. */
    private static long number(String s) {
        String digits = s.replaceAll("[^0-9.]", "");
        return (long) Double.parseDouble(digits);
    }

    static void assertSameFunctions(Map<String, FunctionValues.Values> expected, Top top) {
        long total = 0;
        for (Map.Entry<String, FunctionValues.Values> e : expected.entrySet()) {
            total += e.getValue().flat();
        }
        assertEquals(total, top.total(), "total");
        assertEquals(expected, top.functions());
    }
}
