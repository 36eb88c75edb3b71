package dev.saturn.collectors.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks a recording's chunk headers (magic "FLR\0", version, chunk size as a big-endian long at
 * byte 8) to find how many leading bytes are whole chunks. A JVM killed while recording leaves a last
 * chunk that claims more bytes than the file has, or none.
 */
record ChunkScan(long fileBytes, long wholeBytes, int wholeChunks) {
    private static final int HEADER = 16;
    private static final int MAGIC = 0x464c5200;

    static ChunkScan of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long offset = 0;
            int chunks = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (offset + HEADER <= size) {
                header.clear();
                while (header.hasRemaining() && channel.read(header, offset + header.position()) > 0) {
                    // read the whole header
                }
                long chunkSize = header.getLong(8);
                if (header.getInt(0) != MAGIC || chunkSize < HEADER || offset + chunkSize > size) {
                    break;
                }
                offset += chunkSize;
                chunks++;
            }
            return new ChunkScan(size, offset, chunks);
        }
    }

    boolean whole() {
        return wholeBytes == fileBytes;
    }
}
