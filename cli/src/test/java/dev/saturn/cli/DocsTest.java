package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs and comments point only at what a clone of the repository holds. */
class DocsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Files that lived beside the repository while it was written, never in it. */
    private static final Pattern OUTSIDE = Pattern.compile(
            "ARCHITECTURE\\.md|USE-METRICS\\.md|FLAMEGRAPH\\.md|STYLE\\.md|shared/(design|tools|README)|/work/");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static List<Path> texts() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPO)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !REPO.relativize(p).toString().matches("(\\.git|.*/target|target)/.*"))
                    .filter(p -> p.toString().matches(".*\\.(md|java|sh|c|html|js|yml|service|xml)$")
                            || REPO.relativize(p).toString().matches("bin/saturn|\\.ci/run"))
                    .filter(p -> !p.getFileName().toString().equals("DocsTest.java"))
                    .forEach(all::add);
        }
        return all;
    }

    @Test
    void noDocOrCommentPointsOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> texts = texts();
        assertTrue(texts.size() > 100, "walked the repository: " + texts.size() + " files");
        for (Path file : texts) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = OUTSIDE.matcher(lines.get(i));
                if (m.find()) {
                    found.add(REPO.relativize(file) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void everyLinkOfTheDocsLeadsToAFileOfTheRepository() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(REPO.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("(https?|mailto):.*") || target.startsWith("#")) {
                    continue;
                }
                links++;
                Path to = page.getParent().resolve(target.replaceAll("#.*", "")).normalize();
                if (!to.startsWith(REPO) || !Files.exists(to)) {
                    broken.add(REPO.relativize(page) + ": " + target);
                }
            }
        }
        assertTrue(links > 20, links + " links checked");
        assertEquals(List.of(), broken);
    }
}
