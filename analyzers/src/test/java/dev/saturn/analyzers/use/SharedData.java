package dev.saturn.analyzers.use;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** ../shared, found through SATURN_SHARED; tests that need it skip, saying so, where it is absent. */
final class SharedData {
    private SharedData() {
    }

    static Path dir() {
        String env = System.getenv("SATURN_SHARED");
        if (env == null || env.isBlank()) {
            env = System.getenv("SATURN_SHARED_DEFAULT");
        }
        return Path.of(env == null || env.isBlank() ? "../shared" : env);
    }

    static Path require(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isDirectory(p)) {
            String message = "SKIPPED: shared test data " + p + " is absent (set SATURN_SHARED to the shared/ folder)";
            System.out.println(message);
            Assumptions.abort(message);
        }
        return p;
    }
}
