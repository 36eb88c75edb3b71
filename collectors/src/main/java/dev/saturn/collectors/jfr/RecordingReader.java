package dev.saturn.collectors.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a .jfr file through the JDK's jdk.jfr.consumer and hands the events a summary needs to a
 * {@link RecordingListener} as records. A file that ends in a truncated chunk (a JVM killed while
 * recording) yields the events of the complete chunks before it, and says so in the span.
 */
public final class RecordingReader {
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private RecordingReader() {
    }

    public static RecordingSpan read(Path file, RecordingListener listener) throws RecordingException {
        checkFile(file);
        ChunkScan scan;
        try {
            scan = ChunkScan.of(file);
        } catch (IOException e) {
            throw new RecordingException("cannot read " + file + ": " + e.getMessage());
        }
        if (scan.whole() || scan.wholeChunks() == 0) {
            return readWhole(file, listener);
        }
        // the JDK's reader loses the last event of the chunk before a damaged one: read the whole chunks alone
        Path prefix = null;
        try {
            prefix = Files.createTempFile("saturn-", ".jfr");
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(prefix, StandardOpenOption.WRITE)) {
                long copied = 0;
                while (copied < scan.wholeBytes()) {
                    copied += in.transferTo(copied, scan.wholeBytes() - copied, out);
                }
            }
            RecordingSpan span = readWhole(prefix, listener);
            String why = "the " + ordinal(scan.wholeChunks() + 1) + " chunk, from byte " + scan.wholeBytes() + " of "
                    + scan.fileBytes() + ", is incomplete";
            return new RecordingSpan(span.start(), span.end(), span.events(), why);
        } catch (IOException e) {
            throw new RecordingException("cannot copy the whole chunks of " + file + " to a temporary file: " + e.getMessage());
        } finally {
            if (prefix != null) {
                try {
                    Files.deleteIfExists(prefix);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static String ordinal(int n) {
        return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }

    private static RecordingSpan readWhole(Path file, RecordingListener listener) throws RecordingException {
        // jdk.ActiveSetting names its event type by id: resolved at the end, from the types of the
        // events read and, where every chunk is whole, the recording's list of types
        Map<Long, String> typeNames = new HashMap<>();
        List<RecordedEvent> settings = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        long events = 0;
        String truncated = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (true) {
                RecordedEvent event;
                try {
                    if (!recording.hasMoreEvents()) {
                        break;
                    }
                    event = recording.readEvent();
                } catch (IOException | RuntimeException e) {
                    if (events == 0) {
                        throw damaged(file, e);
                    }
                    truncated = reason(e);
                    break;
                }
                events++;
                first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
                typeNames.putIfAbsent(event.getEventType().getId(), event.getEventType().getName());
                if (event.getEventType().getName().equals("jdk.ActiveSetting")) {
                    settings.add(event);
                } else {
                    dispatch(event, listener);
                }
            }
            if (truncated == null && !settings.isEmpty()) {
                for (EventType type : recording.readEventTypes()) {
                    typeNames.putIfAbsent(type.getId(), type.getName());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
        for (RecordedEvent setting : settings) {
            String type = typeNames.get(setting.getLong("id"));
            if (type != null) {
                listener.setting(new EventSetting(type, setting.getString("name"), setting.getString("value")));
            }
        }
        return new RecordingSpan(first, last, events, truncated);
    }

    private static void dispatch(RecordedEvent event, RecordingListener listener) {
        switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> listener.sample(new MethodSample(threadName(event.getThread("sampledThread")),
                    frames(event.getStackTrace())));
            case "jdk.GarbageCollection" -> listener.gc(new GcPause(event.getStartTime(), event.getString("name"),
                    event.getString("cause"), event.getDuration("sumOfPauses").toNanos(),
                    event.getDuration("longestPause").toNanos()));
            case "jdk.JavaMonitorEnter" -> listener.lockWait(lockWait(LockWait.Kind.MONITOR_ENTER, event, "monitorClass"));
            case "jdk.ThreadPark" -> listener.lockWait(lockWait(LockWait.Kind.PARK, event, "parkedClass"));
            case "jdk.JVMInformation" -> listener.jvm(new JvmInfo(event.getString("jvmName"), event.getString("jvmVersion"),
                    event.hasField("pid") ? event.getLong("pid") : -1, event.getString("javaArguments")));
            default -> {
                // other events are not part of the summary
            }
        }
    }

    private static LockWait lockWait(LockWait.Kind kind, RecordedEvent event, String classField) {
        RecordedClass c = event.hasField(classField) ? event.getClass(classField) : null;
        List<String> frames = frames(event.getStackTrace());
        return new LockWait(kind, event.getStartTime(), event.getDuration().toNanos(), c == null ? null : c.getName(),
                threadName(event.getThread()), site(frames));
    }

    /** The first frame outside the JDK: where the application asked for the lock. */
    private static String site(List<String> frames) {
        for (String f : frames) {
            if (!f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun.")) {
                return f;
            }
        }
        return frames.isEmpty() ? null : frames.get(0);
    }

    private static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame f : stack.getFrames()) {
            RecordedMethod m = f.getMethod();
            if (m != null && f.isJavaFrame()) {
                names.add(className(m.getType().getName()) + "." + m.getName());
            }
        }
        return names;
    }

    /** Lambda classes are hidden classes with an address in their name, a new one every run: one name for all. */
    private static String className(String name) {
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda + "$$Lambda".length());
    }

    private static String threadName(RecordedThread t) {
        if (t == null) {
            return "?";
        }
        return t.getJavaName() != null ? t.getJavaName() : t.getOSName();
    }

    private static void checkFile(Path file) throws RecordingException {
        if (Files.isDirectory(file)) {
            throw new RecordingException("cannot read " + file + ": it is a directory; give a .jfr file");
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new RecordingException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new RecordingException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new RecordingException("cannot read " + file + ": " + e.getMessage());
        }
        if (n == 0) {
            throw new RecordingException(file + " is empty: a JFR recording in progress is written at its end; "
                    + "dump it with `jcmd PID JFR.dump filename=FILE`");
        }
        if (n < 4 || !java.util.Arrays.equals(head, MAGIC)) {
            throw new RecordingException(file + " is not a JFR recording (it does not start with FLR\\0): give a file "
                    + "written by -XX:StartFlightRecording or `jcmd PID JFR.dump`");
        }
    }

    private static RecordingException damaged(Path file, Exception e) {
        return new RecordingException(file + " is a truncated or damaged JFR recording (" + reason(e)
                + "): record it again, or dump a running recording with `jcmd PID JFR.dump filename=FILE`");
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
