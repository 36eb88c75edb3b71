package dev.saturn.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a test needs before it can run. A tool that CI installs (perf, Chromium, Prometheus, sysstat, gcc...) and
 * root, which CI runs as, fail the test under {@code CI=true}; elsewhere they skip it, saying on stderr what is
 * missing and how to install it. What only some machines have (a PMU, a writable cgroup, /dev/fuse, the shared
 * test data) skips it everywhere, saying why. Called from a test or from {@code @BeforeAll}: {@link AbortedBeforeAll}
 * counts every test of a class whose {@code @BeforeAll} skipped.
 */
public final class Needs {
    /** The Debian package of each command the tests run, as .ci/run installs it. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("perf", "linux-perf"),
            Map.entry("chromium", "chromium"),
            Map.entry("chromedriver", "chromium-driver"),
            Map.entry("prometheus", "prometheus"),
            Map.entry("promtool", "prometheus"),
            Map.entry("prometheus-node-exporter", "prometheus-node-exporter"),
            Map.entry("mpstat", "sysstat"),
            Map.entry("iostat", "sysstat"),
            Map.entry("sar", "sysstat"),
            Map.entry("stress-ng", "stress-ng"),
            Map.entry("gcc", "gcc"),
            Map.entry("go", "golang-go"),
            Map.entry("node", "nodejs"),
            Map.entry("npm", "npm"),
            Map.entry("setpriv", "util-linux"),
            Map.entry("ip", "iproute2"),
            Map.entry("dd", "coreutils"),
            Map.entry("stat", "coreutils"),
            Map.entry("timeout", "coreutils"),
            Map.entry("sh", "dash"));

    private Needs() {
    }

    /** The command's path on PATH; without it the test fails in CI and skips elsewhere. */
    public static Path tool(String command) {
        Optional<Path> found = onPath(command);
        if (found.isEmpty()) {
            String pkg = PACKAGES.getOrDefault(command, command);
            Missing.ciInstalls(command + " is not on PATH: apt-get install " + pkg + " (.ci/run installs it)");
        }
        return found.orElseThrow();
    }

    /** Each command on PATH, as {@link #tool}. */
    public static void tools(String... commands) {
        for (String command : commands) {
            tool(command);
        }
    }

    /** Root, which CI runs as (.ci/run installs packages): the test fails in CI without it, and skips elsewhere. */
    public static void root(String what) {
        if (!"root".equals(System.getProperty("user.name"))) {
            Missing.ciInstalls(what + " needs root (CI runs as root)");
        }
    }

    /** A property of this machine (a PMU, a writable cgroup, /dev/fuse): without it the test skips, in CI too. */
    public static void machine(boolean holds, String whyNot) {
        if (!holds) {
            Missing.machine(whyNot);
        }
    }

    /** The shared test data folder: $SATURN_SHARED, else the build's default (../shared of the repository). */
    public static Path sharedDir() {
        return Stream.of(System.getenv("SATURN_SHARED"), System.getenv("SATURN_SHARED_DEFAULT"))
                .filter(dir -> dir != null && !dir.isBlank()).findFirst().map(Path::of).orElse(Path.of("../shared"));
    }

    /** A directory of the shared test data, which a clone may lack: without it the test skips, in CI too. */
    public static Path sharedData(String relative) {
        Path dir = sharedDir().resolve(relative);
        machine(Files.isDirectory(dir), "shared test data " + dir.toAbsolutePath().normalize()
                + " is absent (set SATURN_SHARED to the shared/ folder)");
        return dir;
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable).findFirst();
    }
}
