package dev.saturn.agent.reliability;

import dev.saturn.testkit.Needs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands only root may run (mount, ip link); tests that need them skip, saying why, elsewhere, and fail in CI, which runs as root. */
final class Root {
    private Root() {
    }

    static void require(String what) {
        Needs.root(what);
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }
}
