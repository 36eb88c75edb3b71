package dev.saturn.collectors.jvm;

import dev.saturn.collectors.ProfilingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * libasyncProfiler.so from the tools.profiler:async-profiler jar, extracted once to a stable path
 * (a JVM loads an agent by path, and keeps it mapped): /var/cache/saturn/async-profiler-VERSION/ as
 * root (so that JVMs of other users can read it), else $XDG_CACHE_HOME or ~/.cache/saturn/... A file
 * already there is reused when its bytes hash to the jar's, replaced otherwise.
 */
public final class AsyncProfilerLibrary {
    private static final String POM = "META-INF/maven/tools.profiler/async-profiler/pom.properties";

    private AsyncProfilerLibrary() {
    }

    /** The library for this machine's architecture, in the default cache directory. */
    public static Path extract() {
        return extractTo(defaultDirectory());
    }

    public static Path extractTo(Path dir) {
        byte[] lib = bundled();
        Path file = dir.resolve("libasyncProfiler.so");
        try {
            if (Files.isRegularFile(file) && Files.size(file) == lib.length
                    && Arrays.equals(sha256(Files.readAllBytes(file)), sha256(lib))) {
                return file;
            }
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, "libasyncProfiler", ".part");
            Files.write(part, lib);
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new ProfilingException("cannot extract async-profiler to " + dir + ": " + e.getMessage()
                    + ": set XDG_CACHE_HOME to a writable directory");
        }
    }

    public static String version() {
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(POM)) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Path defaultDirectory() {
        String sub = "saturn/async-profiler-" + version();
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/cache").resolve(sub);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve(sub);
    }

    private static byte[] bundled() {
        String resource = platform() + "/libasyncProfiler.so";
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ProfilingException("this saturn build has no " + resource + ": rebuild it with the async-profiler jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ProfilingException("cannot read " + resource + " from the saturn jar: " + e.getMessage());
        }
    }

    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux")) {
            throw new ProfilingException("async-profiler through saturn runs on Linux only (this is " + os + ")");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64", "arm64" -> "linux-arm64";
            default -> throw new ProfilingException("async-profiler has no library for " + arch,
                    ProfilingException.Remedy.PROFILE_JVM_WITH_PERF);
        };
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
