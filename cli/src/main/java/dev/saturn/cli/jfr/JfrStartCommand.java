package dev.saturn.cli.jfr;

import dev.saturn.cli.options.DurationConverter;
import dev.saturn.cli.common.UserException;
import dev.saturn.collectors.jvm.JfrControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Start a JFR recording in a running JVM (JFR.start).",
        footer = {"", "Examples:",
            "  saturn jfr start -p 1234                            # until `saturn jfr stop`",
            "  saturn jfr start -p 1234 --settings profile -d 60s -o /tmp/app.jfr",
            "  saturn jfr start -p 1234 --name leak --max-age 30m",
            "", "Page: docs/jfr.md."})
public final class JfrStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JfrTarget target;

    @Option(names = {"-s", "--settings"}, paramLabel = "JFC", defaultValue = "default",
            description = "default (about 1%% overhead), profile (more detail, about 2%%) or a .jfc file (default ${DEFAULT-VALUE}).")
    String settings;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop by itself after this long (default: run until stopped).")
    Duration duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where the JVM writes the recording when it ends.")
    Path output;

    @Option(names = "--max-age", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Keep only this much history (e.g. 30m), for a recording that runs for long.")
    Duration maxAge;

    @Override
    public Integer call() {
        Path file = output == null ? null : JfrTarget.checkedFile(output);
        String said = target.run(t -> {
            refuseASecond(JfrControl.check(t));
            return JfrControl.start(t, new JfrControl.Start(target.name, settings(), duration, file, maxAge));
        });
        spec.commandLine().getOut().println(said);
        spec.commandLine().getErr().println("saturn: copy it out with `saturn jfr dump -p " + target.pid + target.nameOption()
                + " -o FILE`, end it with `saturn jfr stop -p " + target.pid + target.nameOption() + "`");
        return 0;
    }

    /**
     * --settings as the JVM must be told it: a .jfc file here by its absolute path, since the JVM
     * would read a relative one from its own working directory.
     */
    private String settings() {
        if (settings.equals("default") || settings.equals("profile")) {
            return settings;
        }
        Path jfc = Path.of(settings);
        if (Files.isRegularFile(jfc)) {
            return jfc.toAbsolutePath().toString();
        }
        if (settings.contains("/") || settings.endsWith(".jfc")) {
            throw new UserException("--settings " + settings + ": no such file; give default, profile or a .jfc file "
                    + "(`jfr configure` writes one)");
        }
        return settings; // a name the JVM may know: a .jfc in its own lib/jfr
    }

    /**
     * The JVM would start a second recording of the same name, and dump and stop would then reach
     * only one of them: the other would go on, up to 250 MB, until the JVM exits.
     */
    private void refuseASecond(String check) {
        Matcher m = RECORDING.matcher(check);
        while (m.find()) {
            if (!m.group(2).equals(target.name)) {
                continue;
            }
            String dump = "`saturn jfr dump -p " + target.pid + target.nameOption() + " -o FILE`";
            if (m.group(3).equals("stopped")) {
                // a stopped recording stays in the JVM (JFR.stop refuses it), and dump or stop by this name would reach it
                throw new UserException("JVM " + target.pid + " holds a finished recording named " + target.name + " (recording "
                        + m.group(1) + "), which dump and stop by that name would reach: give another --name (copy the old one with "
                        + dump + ")");
            }
            throw new UserException("JVM " + target.pid + " already has a recording named " + target.name + " (recording "
                    + m.group(1) + ", " + m.group(3) + "): copy it out with " + dump + ", end it with `saturn jfr stop -p "
                    + target.pid + target.nameOption() + "`, or give another --name");
        }
    }

    /** A line of JFR.check: "Recording 4: name=saturn duration=2s (running)". */
    private static final Pattern RECORDING = Pattern.compile("(?m)^Recording (\\d+): name=(\\S+) .*\\((\\w+)\\)\\s*$");
}
