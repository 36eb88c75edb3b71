package dev.saturn.cli.jfr;

import dev.saturn.analyzers.jvm.JfrSummary;
import java.nio.file.Path;

/** What `saturn jfr summary` reports: a recording's summary, named by the file it came from. */
record SummaryOfFile(Path file, JfrSummary summary) {
}
