package dev.saturn.flamegraph.parse.jfr;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * When a recording starts and ends, from its chunk headers (JFR format 1 and 2: "FLR\0", versions,
 * then the chunk's size at byte 8 and its start and duration in epoch nanoseconds at bytes 32 and
 * 40): the first chunk's start to the last one's end. jdk.jfr.consumer does not give these, and
 * reading every event to find them would read the recording twice.
 */
record RecordingSpan(Instant start, Instant end) {
    private static final int MAGIC = 0x464c5200;
    private static final int HEADER = 48;

    /** The span, or null when the headers cannot be read (the event reader then says what is wrong). */
    static RecordingSpan read(Path recording) {
        try (FileChannel channel = FileChannel.open(recording)) {
            long size = channel.size();
            long position = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            while (position + HEADER <= size) {
                channel.position(position);
                InputStream in = Channels.newInputStream(channel);
                DataInputStream header = new DataInputStream(in);
                if (header.readInt() != MAGIC) {
                    return null;
                }
                header.readInt(); // major and minor version
                long chunkSize = header.readLong();
                header.skipNBytes(16); // constant pool and metadata offsets
                long startNanos = header.readLong();
                long durationNanos = header.readLong();
                first = Math.min(first, startNanos);
                last = Math.max(last, startNanos + Math.max(0, durationNanos));
                if (chunkSize <= 0) {
                    break;
                }
                position += chunkSize;
            }
            return first == Long.MAX_VALUE ? null : new RecordingSpan(instant(first), instant(last));
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /** "2026-12-07T12:00:00.123Z to 2026-12-07T12:00:10.456Z (10.333 s)". */
    String describe() {
        Duration length = Duration.between(start, end);
        return start + " to " + end + " (" + length.toMillis() / 1000.0 + " s)";
    }
}
