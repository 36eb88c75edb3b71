package dev.saturn.cli.output;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output that keeps its first write error. PrintStream and PrintWriter swallow them, so a
 * report written to a full disk or a closed descriptor would otherwise end with exit 0 and no word.
 */
public final class Stdout {
    /** The last stream {@link #recording} made, and its recorder: what {@link #failure()} asks when System.out is it. */
    private static volatile PrintStream stream;
    private static volatile Recorder recorder;

    private Stdout() {
    }

    /** A print stream over {@code out} whose write errors {@link #failure()} tells apart afterwards. */
    public static PrintStream recording(OutputStream out, Charset charset) {
        Recorder r = new Recorder(out);
        PrintStream s = new PrintStream(new BufferedOutputStream(r, 8192), true, charset);
        recorder = r;
        stream = s;
        return s;
    }

    /** What main installs as System.out: fd 1, in the charset System.out had. */
    public static PrintStream recordingFd1() {
        Charset charset = Charset.defaultCharset();
        String name = System.getProperty("sun.stdout.encoding");
        if (name != null) {
            try {
                charset = Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // as the JDK does: the default charset
            }
        }
        return recording(new FileOutputStream(FileDescriptor.out), charset);
    }

    /**
     * System.out as bytes (an SVG is binary-exact, not text in the platform charset), buffered; closing
     * it flushes and leaves System.out open.
     */
    public static OutputStream unclosable() {
        OutputStream out = System.out;
        return new BufferedOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        }, 1 << 16);
    }

    /** True once a write to System.out failed (it flushes first); a loop that writes reports stops on it. */
    public static boolean failed() {
        System.out.flush();
        return System.out.checkError();
    }

    /**
     * The one-line message for a failed System.out, null when writing went well or when the reader
     * went away (a broken pipe, as with `| head -1`: the reader wanted no more, as when a C tool
     * dies of SIGPIPE, so nothing is said).
     */
    public static String failure() {
        if (!failed()) {
            return null;
        }
        IOException e = System.out == stream ? recorder.first : null;
        String reason = e == null || e.getMessage() == null ? "" : e.getMessage();
        if (reason.contains("Broken pipe")) {
            return null;
        }
        if (reason.contains("Bad file descriptor")) {
            return "cannot write standard output: it is closed; redirect it to a file or /dev/null";
        }
        return "cannot write standard output" + (reason.isEmpty() ? "" : ": " + reason)
                + "; the output is incomplete (write it elsewhere, e.g. with > FILE on a disk with room)";
    }

    /** Keeps the first IOException on its way up. */
    private static final class Recorder extends FilterOutputStream {
        volatile IOException first;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        private void keep(IOException e) {
            if (first == null) {
                first = e;
            }
        }
    }
}
