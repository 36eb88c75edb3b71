package dev.saturn.agent.http;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip (RFC 1952) of whole bodies, keeping the last small one's: /metrics answers the same array until the next
 * sample, so every scrape of a sample after the first gets the same gzip. One zlib state serves the server's life:
 * a new one per body would allocate and clear zlib's ~256 KB of windows and tables once a sample. Bodies above
 * {@link #KEEP_BELOW} are gzipped but not kept (a history answer of megabytes is not held in the heap).
 */
final class GzipCache {
    static final int KEEP_BELOW = 256 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    /** A body and its gzip. */
    private record Gzipped(byte[] body, byte[] gzip) {
    }

    private Gzipped last = new Gzipped(new byte[0], new byte[0]);
    /**
     * The fastest level: /metrics (~45 kB with node_exporter's families) is gzipped once a sample; level 1 costs a
     * sixth of the default level's CPU for a page 17 % larger (7.5 kB against 6.4).
     */
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] chunk = new byte[8 * 1024];

    byte[] gzip(byte[] body) {
        if (body.length > KEEP_BELOW) {
            // on its own zlib state: a worker's large body does not hold up the I/O thread's /metrics
            Deflater own = new Deflater(Deflater.BEST_SPEED, true);
            try {
                return compress(own, body, new byte[chunk.length]);
            } finally {
                own.end();
            }
        }
        synchronized (this) {
            if (last.body != body) {
                last = new Gzipped(body, compress(deflater, body, chunk));
            }
            return last.gzip;
        }
    }

    private static byte[] compress(Deflater deflater, byte[] body, byte[] chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        out.writeBytes(HEADER);
        deflater.reset();
        deflater.setInput(body);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            out.write(chunk, 0, n);
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        int sum = (int) crc.getValue();
        byte[] trailer = {(byte) sum, (byte) (sum >> 8), (byte) (sum >> 16), (byte) (sum >> 24),
                (byte) body.length, (byte) (body.length >> 8), (byte) (body.length >> 16), (byte) (body.length >> 24)};
        out.writeBytes(trailer);
        return out.toByteArray();
    }
}
