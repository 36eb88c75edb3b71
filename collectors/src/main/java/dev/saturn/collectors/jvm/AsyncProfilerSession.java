package dev.saturn.collectors.jvm;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;
import dev.saturn.collectors.ProfilingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * async-profiler loaded into a running JVM as an agent (VirtualMachine.loadAgentPath), started, and
 * stopped with its collapsed output written to a file, which {@link #collapsed()} hands over as a stream.
 * The agent's messages go to a log file (its `log=` option) and come back as warnings or as the
 * reason of a failure. Started with `file=`, the agent also writes the output if the JVM exits first.
 */
public final class AsyncProfilerSession implements AutoCloseable {
    private final TargetProcess target;
    private final Path library;
    private final VirtualMachine vm;
    private final Path dir;
    private final Path output;
    private final Path log;
    private final String format;

    /**
     * @param intervalNanos sampling interval of cpu and wall (1e9 / frequency); ignored by alloc and lock
     * @param threads       a root frame per thread
     * @param frameTypes    frame names annotated with their type (async-profiler's `ann`): `_[j]` JIT-compiled,
     *                      `_[i]` inlined, `_[0]` interpreted, `_[1]` C1-compiled, `_[k]` kernel
     */
    public record Request(AsyncProfilerEvent event, long intervalNanos, boolean threads, boolean frameTypes) {
    }

    private AsyncProfilerSession(TargetProcess target, Path library, VirtualMachine vm, Path dir, String format) {
        this.target = target;
        this.library = library;
        this.vm = vm;
        this.dir = dir;
        this.output = dir.resolve("profile.collapsed");
        this.log = dir.resolve("async-profiler.log");
        this.format = format;
    }

    public static AsyncProfilerSession start(TargetProcess target, Path library, Request request) {
        JvmAttach.requireAttachable(target, "async-profiler");
        Path dir = workDirectory(target);
        VirtualMachine vm = JvmAttach.attach(target, "async-profiler");
        String format = "collapsed" + (request.threads() ? ",threads" : "") + (request.frameTypes() ? ",ann" : "") + (request.event().weighted() ? ",total" : "");
        AsyncProfilerSession s = new AsyncProfilerSession(target, library, vm, dir, format);
        StringBuilder args = new StringBuilder("start,event=").append(request.event().agentName());
        if (request.event().timed()) {
            args.append(",interval=").append(request.intervalNanos());
        }
        try {
            s.command(args + ",file=" + s.output + "," + format);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Stops profiling and writes the output; when the JVM has exited, keeps what it wrote at exit. */
    public void stop() {
        if (!target.alive()) {
            if (!Files.exists(output)) {
                throw new ProfilingException("JVM " + target.label() + " exited before async-profiler wrote its profile");
            }
            return;
        }
        command("stop,file=" + output + "," + format);
    }

    /** The collapsed stacks (`frame;frame;leaf COUNT`), for the flame graph module's folded parser. */
    public InputStream collapsed() throws IOException {
        return Files.newInputStream(output);
    }

    /** What the agent logged at a level ([WARN], [ERROR], [INFO] No samples...), for the user; not its status lines. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (String line : logLines()) {
            if (line.startsWith("[")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private void command(String arguments) {
        try {
            vm.loadAgentPath(library.toString(), arguments + ",log=" + log);
        } catch (AgentInitializationException e) {
            throw new ProfilingException("async-profiler in JVM " + target.label() + " failed (" + e.returnValue() + "): "
                    + logged("no message in its log"));
        } catch (AgentLoadException e) {
            throw new ProfilingException("JVM " + target.label() + " could not load " + library + ": " + e.getMessage()
                    + "; " + logged("check that its user can read the file"));
        } catch (IOException e) {
            if (!target.alive()) {
                throw TargetProcess.gone(target.pid());
            }
            throw new ProfilingException("lost the connection to JVM " + target.label() + ": " + e.getMessage());
        }
    }

    private String logged(String otherwise) {
        List<String> lines = new ArrayList<>();
        for (String line : logLines()) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines.isEmpty() ? otherwise : String.join("; ", lines);
    }

    private List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A private directory for the output and the log. The target JVM writes them as its own user; when
     * that is not ours (root profiling another user's JVM), the directory lets others create files
     * without listing it (0733).
     */
    private static Path workDirectory(TargetProcess target) {
        try {
            Path dir = Files.createTempDirectory("saturn-profile-");
            int ours = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (ours != target.uid()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx-wx-wx"));
            }
            return dir;
        } catch (IOException e) {
            throw new ProfilingException("cannot create a temporary directory: " + e.getMessage() + ": check that java.io.tmpdir (/tmp) is writable");
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the JVM may be gone
        }
        for (Path p : new Path[] {output, log, dir}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is not worth failing a profile for
            }
        }
    }
}
