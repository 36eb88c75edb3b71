package dev.saturn.analyzers.use;

import dev.saturn.testkit.Needs;
import java.nio.file.Path;

/** ../shared, found through SATURN_SHARED; tests that need it skip, saying so, where it is absent. */
final class SharedData {
    private SharedData() {
    }

    static Path dir() {
        return Needs.sharedDir();
    }

    static Path require(String relative) {
        return Needs.sharedData(relative);
    }
}
