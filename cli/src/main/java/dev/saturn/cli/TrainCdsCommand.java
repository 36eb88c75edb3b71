package dev.saturn.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs `saturn use`, `collapse` and `flamegraph` as a user would, into null streams, so that the build can
 * record the classes it loads and archive them for a fast start (AppCDS).
 */
@Command(name = "train-cds", hidden = true)
public final class TrainCdsCommand implements Callable<Integer> {
    private static final String PERF_SCRIPT = "java 4242/4243 [000] 1.000: 10101010 cpu-clock:\n"
            + "\t7f0000001000 leaf+0x10 (/usr/lib/libc.so.6)\n\t7f0000002000 main+0x20 (/usr/bin/java)\n\n";

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("saturn-train-cds");
        Path perf = Files.writeString(dir.resolve("perf.txt"), PERF_SCRIPT);
        // a few MB, so that collapse reads ahead on its thread (whose classes are then archived too)
        Path bigPerf = Files.writeString(dir.resolve("big-perf.txt"), PERF_SCRIPT.repeat(3 * (1 << 20) / PERF_SCRIPT.length()));
        Path folded = Files.writeString(dir.resolve("stacks.folded"), "main;work;leaf 3\nmain;idle 1\n");
        String svg = dir.resolve("out.svg").toString();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (String[] args : new String[][] {{"use", "--interval", "100ms"}, {"use", "--interval", "100ms", "--json"},
                    {"use", "--help"}, {"collapse", perf.toString()}, {"flamegraph", folded.toString(), "-o", svg},
                    {"flamegraph", perf.toString(), "-o", svg}}) {
                CommandLine cli = Saturn.commandLine();
                cli.setOut(new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), Charset.defaultCharset())));
                cli.setErr(new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), Charset.defaultCharset())));
                cli.execute(args);
            }
            // collapse, flamegraph and diff-folded as main runs them: their fast path, without picocli
            for (String[] args : new String[][] {{"collapse", bigPerf.toString()}, {"collapse", "--format", "perf", perf.toString()},
                    {"flamegraph", folded.toString(), "-o", svg}, {"flamegraph", "--format", "json", folded.toString(), "-o", svg}, {"flamegraph", "--format", "html", folded.toString(), "-o", svg},
                    {"flamegraph", perf.toString(), "-o", svg}, {"diff-folded", folded.toString(), folded.toString()}}) {
                Saturn.execute(args, new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), Charset.defaultCharset())));
            }
            // and from standard input, as in `perf script | saturn collapse | saturn flamegraph`
            InputStream stdin = System.in;
            try {
                for (String[] args : new String[][] {{"collapse"}, {"flamegraph", "-o", svg}}) {
                    System.setIn(new ByteArrayInputStream(Files.readAllBytes(bigPerf)));
                    Saturn.execute(args, new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), Charset.defaultCharset())));
                }
            } finally {
                System.setIn(stdin);
            }
        } finally {
            System.setOut(stdout);
            for (Path p : new Path[] {perf, bigPerf, folded, Path.of(svg), dir}) {
                Files.deleteIfExists(p);
            }
        }
        return 0;
    }
}
