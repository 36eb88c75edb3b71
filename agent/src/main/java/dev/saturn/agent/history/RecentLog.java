package dev.saturn.agent.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * {@code history.db-recent}: the samples not yet committed to the database, appended every few seconds
 * as encoded rows (a plain sequential append costs the disk about the bytes appended; an SQLite commit
 * costs WAL pages and the WAL index's pages). The database takes them over every few minutes and the
 * file is emptied. Readers ({@link HistoryReader}) add its rows to the database's; a writer that opens
 * the history commits the rows a killed agent left. A record: length, ts, interval, layout, the
 * encoded sample, CRC-32; reading stops at the first record that is torn or does not check.
 */
final class RecentLog implements AutoCloseable {
    static final String SUFFIX = "-recent";
    private static final int HEADER = 4 + 8 + 4 + 4;
    private final FileChannel channel;

    /** An encoded sample: the row the database stores. */
    record Row(long ts, int intervalMs, int layout, byte[] data) {
    }

    private RecentLog(FileChannel channel) {
        this.channel = channel;
    }

    static Path file(Path dataDir) {
        return dataDir.resolve(HistoryDatabase.FILE + SUFFIX);
    }

    static RecentLog open(Path dataDir) throws IOException {
        return new RecentLog(FileChannel.open(file(dataDir), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    }

    /** Appends the rows in one write; a failed write (a full disk) is cut off, so the rows before stay readable. */
    void append(List<Row> rows) throws IOException {
        int size = 0;
        for (Row r : rows) {
            size += HEADER + r.data().length + 4;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (Row r : rows) {
            int start = buf.position();
            buf.putInt(r.data().length).putLong(r.ts()).putInt(r.intervalMs()).putInt(r.layout()).put(r.data());
            CRC32 crc = new CRC32();
            crc.update(buf.array(), start, buf.position() - start);
            buf.putInt((int) crc.getValue());
        }
        buf.flip();
        long end = channel.size();
        try {
            channel.position(end);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // a torn record stops readers there; the next clear() removes it
            }
            throw e;
        }
    }

    void clear() throws IOException {
        channel.truncate(0);
    }

    long size() throws IOException {
        return channel.size();
    }

    /** The rows of {@code dataDir}'s log, oldest first; none when there is no log. */
    static List<Row> read(Path dataDir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(dataDir));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.remaining() >= HEADER + 4) {
            int start = buf.position();
            int length = buf.getInt();
            if (length < 0 || length > buf.remaining() - (HEADER - 4) - 4) {
                break;
            }
            long ts = buf.getLong();
            int interval = buf.getInt();
            int layout = buf.getInt();
            byte[] data = new byte[length];
            buf.get(data);
            CRC32 crc = new CRC32();
            crc.update(bytes, start, buf.position() - start);
            if (buf.getInt() != (int) crc.getValue()) {
                break;
            }
            rows.add(new Row(ts, interval, layout, data));
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing written is lost by a close that fails
        }
    }
}
