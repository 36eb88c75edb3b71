package dev.saturn.agent.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 * the history commits the rows a killed agent left. New layouts and reasons go in the log before the
 * rows that refer to them, with the ids they will have in the database. A record: length, kind, then a
 * row's ts, interval, layout and encoded sample, or a name's id and text; CRC-32. Reading stops at the
 * first record that is torn or does not check.
 */
final class RecentLog implements AutoCloseable {
    static final String SUFFIX = "-recent";
    private static final int LENGTH = 4;
    private static final int CRC = 4;
    private static final byte ROW = 0;
    private final FileChannel channel;

    sealed interface Entry permits Row, Name {
    }

    /** An encoded sample: the row the database stores. */
    record Row(long ts, int intervalMs, int layout, byte[] data) implements Entry {
    }

    /** A layout's JSON or a reason, under the id it has in the database. */
    record Name(Kind kind, int id, String text) implements Entry {
    }

    enum Kind {
        STRING(1), LAYOUT(2);
        final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }
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

    /** Appends the entries in one write; a failed write (a full disk) is cut off, so the entries before stay readable. */
    void append(List<? extends Entry> entries) throws IOException {
        List<byte[]> bodies = new ArrayList<>(entries.size());
        int size = 0;
        for (Entry e : entries) {
            byte[] body = body(e);
            bodies.add(body);
            size += LENGTH + body.length + CRC;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (byte[] body : bodies) {
            CRC32 crc = new CRC32();
            crc.update(body);
            buf.putInt(body.length).put(body).putInt((int) crc.getValue());
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

    private static byte[] body(Entry e) {
        if (e instanceof Row r) {
            return ByteBuffer.allocate(1 + 8 + 4 + 4 + r.data().length).put(ROW).putLong(r.ts()).putInt(r.intervalMs())
                    .putInt(r.layout()).put(r.data()).array();
        }
        Name n = (Name) e;
        byte[] text = n.text().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + text.length).put(n.kind().code).putInt(n.id()).put(text).array();
    }

    void clear() throws IOException {
        channel.truncate(0);
    }

    long size() throws IOException {
        return channel.size();
    }

    /** The entries of {@code dataDir}'s log, in the order written; none when there is no log. */
    static List<Entry> read(Path dataDir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(dataDir));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.remaining() >= LENGTH + 1 + CRC) {
            int length = buf.getInt();
            if (length < 1 || length > buf.remaining() - CRC) {
                break;
            }
            int start = buf.position();
            CRC32 crc = new CRC32();
            crc.update(bytes, start, length);
            ByteBuffer body = ByteBuffer.wrap(bytes, start, length).slice();
            buf.position(start + length);
            if (buf.getInt() != (int) crc.getValue()) {
                break;
            }
            byte kind = body.get();
            if (kind == ROW) {
                long ts = body.getLong();
                int interval = body.getInt();
                int layout = body.getInt();
                byte[] data = new byte[body.remaining()];
                body.get(data);
                entries.add(new Row(ts, interval, layout, data));
            } else {
                int id = body.getInt();
                String text = StandardCharsets.UTF_8.decode(body).toString();
                entries.add(new Name(kind == Kind.STRING.code ? Kind.STRING : Kind.LAYOUT, id, text));
            }
        }
        return entries;
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
