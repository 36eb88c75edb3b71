package dev.saturn.flamegraph.parse.jfr;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder recordings in, through the JDK's own reader (jdk.jfr.consumer): the events
 * {@link JfrOptions#event()} names become stacks of `pkg.Class.method` frames, root first, weighed
 * as {@link JfrEvent} says. RecordingFile needs a file, so an InputStream is first copied to a
 * temporary file. A truncated or damaged recording is an IOException with a one-line message;
 * events without a stack trace are skipped.
 */
public final class JfrParser implements StackParser {
    private static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    private static final String IN_NEW_TLAB = "jdk.ObjectAllocationInNewTLAB";
    private static final String OUTSIDE_TLAB = "jdk.ObjectAllocationOutsideTLAB";

    private final JfrOptions options;

    public JfrParser(JfrOptions options) {
        this.options = options;
    }

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        Path spool = Files.createTempFile("saturn-", ".jfr");
        try {
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            return parse(spool, "the JFR input", sink);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    public ParseStats parse(Path recording, StackSink sink) throws IOException {
        return parse(recording, recording.toString(), sink);
    }

    private ParseStats parse(Path recording, String name, StackSink sink) throws IOException {
        FrameNames names = new FrameNames(options);
        Map<String, long[]> tlabStacks = new LinkedHashMap<>();
        long stacks = 0;
        long tlabEvents = 0;
        boolean sampled = false;
        try (RecordingFile file = open(recording, name)) {
            JfrWindow.Bounds window = bounds(recording);
            for (RecordedEvent event; (event = next(file, name)) != null; ) {
                String type = event.getEventType().getName();
                if (!options.event().eventTypes().contains(type) || event.getStackTrace() == null) {
                    continue;
                }
                if (window != null && !window.holds(event.getStartTime())
                        || options.threadFilter() != null && !options.threadFilter().matcher(names.thread(thread(event))).find()) {
                    continue;
                }
                String stack = stack(event, type, names);
                long weight = Math.max(0, weight(event, type));
                if (type.equals(IN_NEW_TLAB) || type.equals(OUTSIDE_TLAB)) {
                    tlabStacks.computeIfAbsent(stack, s -> new long[1])[0] += weight;
                    tlabEvents++;
                    continue;
                }
                sampled |= type.equals(ALLOCATION_SAMPLE);
                sink.accept(stack, weight);
                stacks++;
            }
        }
        // TLAB events only stand in for jdk.ObjectAllocationSample; both would count bytes twice
        if (!sampled && tlabEvents > 0) {
            tlabStacks.forEach((stack, weight) -> sink.accept(stack, weight[0]));
            stacks += tlabEvents;
        }
        return ParseStats.clean(stacks);
    }

    private String stack(RecordedEvent event, String type, FrameNames names) {
        StringBuilder b = new StringBuilder(256);
        if (options.threadIds()) {
            b.append(names.threadWithId(thread(event)));
        } else if (options.threadNames()) {
            b.append(names.thread(thread(event)));
        }
        String frames = names.stack(event.getStackTrace());
        if (!frames.isEmpty()) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(frames);
        }
        RecordedClass leaf = options.classFrames() ? leafClass(event, type) : null;
        if (leaf != null) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(names.javaClass(leaf));
            if (options.frameTypes()) {
                b.append(type.equals(OUTSIDE_TLAB) ? "_[k]" : "_[i]");
            }
        }
        return b.toString();
    }

    /** The thread the event is about: the sampled one for samples, else the one that wrote it. */
    private static RecordedThread thread(RecordedEvent event) {
        return event.hasField("sampledThread") ? event.getThread("sampledThread") : event.getThread();
    }

    /** The window in this recording, null for all of it; a window outside it is an error before any event is read. */
    private JfrWindow.Bounds bounds(Path recording) throws IOException {
        if (options.window().all()) {
            return null;
        }
        RecordingSpan span = RecordingSpan.read(recording);
        if (span == null) {
            if (options.window().from() != null && options.window().from().instant() == null
                    || options.window().to() != null && options.window().to().instant() == null) {
                throw new IOException("its chunk headers do not say when it started, which --from and --to offsets count from: "
                        + "give absolute times");
            }
            span = new RecordingSpan(Instant.MIN, Instant.MAX);
        }
        return options.window().in(span);
    }

    private static RecordedClass leafClass(RecordedEvent event, String type) {
        String field = switch (type) {
            case "jdk.JavaMonitorEnter" -> "monitorClass";
            case "jdk.ThreadPark" -> "parkedClass";
            case ALLOCATION_SAMPLE, IN_NEW_TLAB, OUTSIDE_TLAB -> "objectClass";
            default -> null;
        };
        return field != null && event.hasField(field) ? event.getClass(field) : null;
    }

    private static long weight(RecordedEvent event, String type) {
        return switch (type) {
            case ALLOCATION_SAMPLE -> event.getLong("weight");
            case IN_NEW_TLAB -> event.getLong("tlabSize");
            case OUTSIDE_TLAB -> event.getLong("allocationSize");
            case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> event.getDuration().toNanos();
            default -> 1;
        };
    }

    private static RecordingFile open(Path recording, String name) throws IOException {
        if (!Files.exists(recording)) {
            throw new NoSuchFileException(recording.toString());
        }
        try {
            return new RecordingFile(recording);
        } catch (FileNotFoundException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(name, e);
        }
    }

    private static RecordedEvent next(RecordingFile file, String name) throws IOException {
        try {
            return file.hasMoreEvents() ? file.readEvent() : null;
        } catch (IOException | RuntimeException e) {
            throw damaged(name, e);
        }
    }

    private static IOException damaged(String name, Exception cause) {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new IOException(name + " is not a complete JFR recording: " + reason.strip(), cause);
    }
}
