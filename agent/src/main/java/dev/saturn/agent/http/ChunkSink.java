package dev.saturn.agent.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A streamed answer's bytes in chunks of {@link AgentHttpServer#CHUNK} (HTTP/1.1 chunked framing, or raw for HTTP/1.0), queued on its connection. */
final class ChunkSink extends OutputStream {
    private final Connection c;
    private final boolean chunked;
    private byte[] buffer = new byte[AgentHttpServer.CHUNK];
    private int length;
    private boolean closed;
    boolean failed;

    ChunkSink(Connection c, boolean chunked) {
        this.c = c;
        this.chunked = chunked;
    }

    @Override
    public void write(int b) throws IOException {
        if (length == buffer.length) {
            flushChunk();
        }
        buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (length == buffer.length) {
                flushChunk();
            }
            int n = Math.min(len, buffer.length - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    private void flushChunk() throws IOException {
        if (length == 0) {
            return;
        }
        ByteBuffer part;
        if (chunked) {
            byte[] size = (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            part = ByteBuffer.allocate(size.length + length + 2).put(size).put(buffer, 0, length).put((byte) '\r').put((byte) '\n').flip();
        } else {
            part = ByteBuffer.wrap(buffer, 0, length);
            buffer = new byte[AgentHttpServer.CHUNK];
        }
        length = 0;
        try {
            c.send(part);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushChunk();
        if (chunked) {
            try {
                c.send(ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
