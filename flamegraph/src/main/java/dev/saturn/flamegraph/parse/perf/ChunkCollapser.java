package dev.saturn.flamegraph.parse.perf;

import static dev.saturn.flamegraph.parse.perf.PerlBytes.isSpace;

import dev.saturn.flamegraph.folded.StackSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the lines of {@code perf script} output, chunk after chunk, and counts the stacks of its
 * samples. One per thread: it owns its caches. The state between lines is stackcollapse-perf.pl's
 * (process name, period, frames so far), so a chunk may end anywhere in sequential use; in parallel
 * use every chunk ends after a blank line, where that state is empty.
 *
 * <p>Speed comes from caches: a stack line, address included, repeats for every sample through
 * the same call site, so its frames are looked up by the line's bytes, and computed once per
 * distinct symbol. And the line that followed a cached line last time is tried first, before
 * hashing: callers repeat.
 */
final class ChunkCollapser {
    /** A stack line that names no frame (a process name in parentheses), though valid. */
    private static final int NO_FRAME = -1;
    /** A line stackcollapse-perf.pl does not recognize. */
    private static final int INVALID = -2;
    /** Lines are keyed on a hash of their first bytes, mostly the address. */
    private static final int KEY_PREFIX = 24;
    private static final int MAX_CACHED_LINES = 1 << 20;
    private static final long MAX_CACHED_BYTES = 64L << 20;
    private static final int MAX_SKIPPED_EVENTS = 8;

    private final boolean withPid;
    private final boolean withTid;
    private final boolean withAddrs;
    private final FrameNamer namer;
    private final EventChoice events;

    private final ByteTable lines = new ByteTable();
    private int[] plainFrames = new int[1 << 9];
    private int[] javaFrames = new int[1 << 9];
    /** The cached line that came after each cached line last time, or -1. */
    private int[] successor = new int[1 << 9];
    private int previousLine = -1;
    private final ByteTable symbols = new ByteTable();
    private int[] symbolPlain = new int[1 << 9];
    private int[] symbolJava = new int[1 << 9];
    private final ByteTable frameGroups = new ByteTable();
    private final ByteTable names = new ByteTable();
    private boolean[] javaName = new boolean[16];
    private final StackCounter stacks = new StackCounter();
    private final HeaderLine header = new HeaderLine();
    private final FrameLine frameLine = new FrameLine();
    private byte[] scratch = new byte[256];

    private int name = -1;
    private boolean java;
    private long period = 1;
    private int[] frames = new int[256];
    private int frameCount;

    private long lineNo;
    private long invalid;
    private long firstInvalid;
    private long samples;
    private boolean periodsSummed;
    private final Set<String> skippedEvents = new LinkedHashSet<>();

    ChunkCollapser(PerfCollapseOptions options, EventChoice events) {
        this.withPid = options.pid();
        this.withTid = options.tid();
        this.withAddrs = options.addrs();
        this.namer = new FrameNamer(options);
        this.events = events;
    }

    /** Line counts of one chunk, for the global "first at line" of the parse. */
    record ChunkStats(long lines, long invalid, long firstInvalid) {
    }

    /** Reads the whole lines in {@code b[from, to)}: {@code b[to - 1]} is '\n'. */
    ChunkStats collapse(byte[] b, int from, int to) {
        lineNo = 0;
        invalid = 0;
        firstInvalid = 0;
        int ls = from;
        while (ls < to) {
            lineNo++;
            byte first = b[ls];
            if (first == '\t' || first == ' ') {
                int next = cachedLine(b, ls, to);
                if (next > 0) {
                    ls = next;
                    continue;
                }
            } else if (first == '\n') {
                endSample();
                ls++;
                continue;
            }
            int le = ls;
            while (b[le] != '\n') {
                le++;
            }
            line(b, ls, le);
            ls = le + 1;
        }
        return new ChunkStats(lineNo, invalid, firstInvalid);
    }

    /** Counts a line too long to hold in memory as invalid. */
    ChunkStats skippedLongLine() {
        return new ChunkStats(1, 1, 1);
    }

    /** The last sample of an input may lack its blank line (FlameGraph #230). */
    void endOfInput() {
        endSample();
    }

    long samples() {
        return samples;
    }

    /** True when some kept sample had a period above 1: the weights are then sums of periods, not samples. */
    boolean periodsSummed() {
        return periodsSummed;
    }

    Set<String> skippedEvents() {
        return skippedEvents;
    }

    /** Spells out every distinct stack once and hands it to the sink with its weight. */
    void drainTo(StackSink sink) {
        byte[] out = new byte[1 << 12];
        for (int s = 0; s < stacks.size(); s++) {
            int[] ids = stacks.ids(s);
            int n = 0;
            for (int k = 0; k < ids.length; k++) {
                ByteTable table = k == 0 ? names : frameGroups;
                int len = table.length(ids[k]);
                if (n + len + 1 > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + len + 1));
                }
                if (k > 0) {
                    out[n++] = ';';
                }
                System.arraycopy(table.arena(), table.offset(ids[k]), out, n, len);
                n += len;
            }
            sink.accept(new String(out, 0, n, StandardCharsets.ISO_8859_1), stacks.weight(s));
        }
    }

    /** The start of the next line when this stack line was cached, else 0. */
    private int cachedLine(byte[] b, int ls, int to) {
        int guess = previousLine >= 0 ? successor[previousLine] : -1;
        if (guess >= 0 && lines.isLineAt(guess, b, ls, to)) {
            previousLine = guess;
            frame(java ? javaFrames[guess] : plainFrames[guess]);
            return ls + lines.length(guess) + 1;
        }
        int id = lines.findLine(b, ls, to, keyHash(b, ls));
        if (id < 0) {
            return 0;
        }
        follows(id);
        frame(java ? javaFrames[id] : plainFrames[id]);
        return ls + lines.length(id) + 1;
    }

    private void follows(int id) {
        if (previousLine >= 0) {
            successor[previousLine] = id;
        }
        previousLine = id;
    }

    /**
     * A line's cache key hash: its first 24 bytes, mostly the address, or all of a shorter line.
     * The line ends in '\n' within the buffer.
     */
    private static int keyHash(byte[] b, int ls) {
        int h = 0;
        for (int i = ls, end = ls + KEY_PREFIX; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                break;
            }
            h = 31 * h + c;
        }
        return h;
    }

    private void frame(int group) {
        if (group == INVALID) {
            invalidLine();
        } else if (group != NO_FRAME && name >= 0) {
            if (frameCount == frames.length) {
                frames = Arrays.copyOf(frames, frameCount * 2);
            }
            frames[frameCount++] = group;
        }
    }

    private void invalidLine() {
        if (invalid++ == 0) {
            firstInvalid = lineNo;
        }
    }

    /** One line, without its '\n', in stackcollapse-perf.pl's order of tests. */
    private void line(byte[] b, int ls, int le) {
        int end = le > ls && b[le - 1] == '\r' ? le - 1 : le;
        if (end == ls) {
            endSample();
            return;
        }
        byte first = b[ls];
        if (first == '#') {
            return;
        }
        if (!isSpace(first) && header.match(b, ls, end)) {
            previousLine = -1;
            header(b, ls);
            if (header.frameFrom >= 0) {
                inlineFrame(b, end);
            }
            return;
        }
        if (name < 0 && isSpace(first)) {
            // without call chains perf script right-aligns the process name in 16 columns
            int s = ls;
            while (s < end && isSpace(b[s])) {
                s++;
            }
            if (header.match(b, s, end) && header.frameFrom >= 0) {
                previousLine = -1;
                header(b, s);
                inlineFrame(b, end);
                return;
            }
        }
        boolean cacheable = isSpace(first);
        int hash = 0;
        if (cacheable) {
            hash = keyHash(b, ls);
            int id = lines.find(b, ls, le - ls, hash);
            if (id >= 0) {
                follows(id);
                frame(java ? javaFrames[id] : plainFrames[id]);
                return;
            }
            cacheable = lines.size() < MAX_CACHED_LINES && lines.arenaBytes() < MAX_CACHED_BYTES;
        }
        int plain;
        int javaGroup;
        if (frameLine.match(b, ls, end)) {
            int symbol = symbol(b);
            plain = symbolPlain[symbol];
            javaGroup = symbolJava[symbol];
        } else {
            plain = INVALID;
            javaGroup = INVALID;
        }
        if (cacheable) {
            int id = lines.add(b, ls, le - ls, hash);
            if (id == plainFrames.length) {
                plainFrames = Arrays.copyOf(plainFrames, id * 2);
                javaFrames = Arrays.copyOf(javaFrames, id * 2);
                successor = Arrays.copyOf(successor, id * 2);
            }
            plainFrames[id] = plain;
            javaFrames[id] = javaGroup;
            successor[id] = -1;
            follows(id);
        } else {
            previousLine = -1;
        }
        frame(java ? javaGroup : plain);
    }

    /**
     * The entry of the matched line's symbol and module (and address, which --addrs may show):
     * the same function seen at several addresses is named once.
     */
    private int symbol(byte[] b) {
        FrameLine f = frameLine;
        int symbolLength = f.symbolTo - f.symbolFrom;
        int n = putByte((byte) (symbolLength >>> 24), 0);
        n = putByte((byte) (symbolLength >>> 16), n);
        n = putByte((byte) (symbolLength >>> 8), n);
        n = putByte((byte) symbolLength, n);
        n = put(b, f.symbolFrom, f.symbolTo, n);
        n = put(b, f.moduleFrom, f.moduleTo, n);
        if (withAddrs) {
            n = put(b, f.pcFrom, f.pcTo, n);
        }
        int hash = ByteTable.hash(scratch, 0, n);
        int id = symbols.find(scratch, 0, n, hash);
        if (id >= 0) {
            return id;
        }
        id = symbols.add(scratch, 0, n, hash);
        if (id == symbolPlain.length) {
            symbolPlain = Arrays.copyOf(symbolPlain, id * 2);
            symbolJava = Arrays.copyOf(symbolJava, id * 2);
        }
        String symbol = latin1(b, f.symbolFrom, f.symbolTo);
        String module = latin1(b, f.moduleFrom, f.moduleTo);
        String pc = latin1(b, f.pcFrom, f.pcTo);
        symbolPlain[id] = group(namer.frames(symbol, module, pc, false));
        // Java's rule strips the 'L' of names with a '/': without one, both spellings are the same.
        symbolJava[id] = symbol.indexOf('/') < 0 ? symbolPlain[id] : group(namer.frames(symbol, module, pc, true));
        return id;
    }

    private int group(String frames) {
        if (frames.isEmpty()) {
            return NO_FRAME;
        }
        byte[] bytes = frames.getBytes(StandardCharsets.ISO_8859_1);
        return frameGroups.intern(bytes, 0, bytes.length);
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private void header(byte[] b, int ls) {
        HeaderLine h = header;
        if (h.eventFrom >= 0 && !events.keep(b, h.eventFrom, h.eventTo)) {
            if (skippedEvents.size() < MAX_SKIPPED_EVENTS) {
                skippedEvents.add(latin1(b, h.eventFrom, h.eventTo));
            }
            return;
        }
        period = period(b, h);
        int n = 0;
        n = put(b, ls, h.commEnd, n);
        if (withTid || withPid) {
            // perf prints "pid/tid" or just the tid; a missing or zero tid leaves the pid unknown.
            boolean tidKnown = h.tidFrom >= 0 && !(h.tidTo - h.tidFrom == 1 && b[h.tidFrom] == '0');
            n = putByte((byte) '-', n);
            if (tidKnown) {
                n = put(b, h.pidFrom, h.pidTo, n);
            } else {
                n = putByte((byte) '?', n);
            }
            if (withTid) {
                n = putByte((byte) '/', n);
                n = tidKnown ? put(b, h.tidFrom, h.tidTo, n) : put(b, h.pidFrom, h.pidTo, n);
            }
        }
        for (int i = 0; i < n; i++) {
            if (scratch[i] == ' ') {
                scratch[i] = '_';
            }
        }
        name = names.intern(scratch, 0, n);
        if (name == javaName.length) {
            javaName = Arrays.copyOf(javaName, name * 2);
        }
        java = javaName[name] = n >= 4 && scratch[0] == 'j' && scratch[1] == 'a' && scratch[2] == 'v' && scratch[3] == 'a';
    }

    /** The one frame on the header line of a sample recorded without call chains: the whole sample. */
    private void inlineFrame(byte[] b, int end) {
        if (name < 0) {
            return;
        }
        if (frameLine.match(b, header.frameFrom, end)) {
            int symbol = symbol(b);
            frame(java ? symbolJava[symbol] : symbolPlain[symbol]);
        } else {
            invalidLine();
        }
        endSample();
    }

    /** The event's period, 1 when absent or "0" (Perl's falsy strings). */
    private static long period(byte[] b, HeaderLine h) {
        if (h.periodFrom < 0 || (h.periodTo - h.periodFrom == 1 && b[h.periodFrom] == '0')) {
            return 1;
        }
        long p = 0;
        for (int i = h.periodFrom; i < h.periodTo; i++) {
            int d = b[i] - '0';
            if (p > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            p = p * 10 + d;
        }
        return p;
    }

    private int put(byte[] b, int from, int to, int n) {
        int len = to - from;
        if (n + len > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, n + len + 16));
        }
        System.arraycopy(b, from, scratch, n, len);
        return n + len;
    }

    private int putByte(byte c, int n) {
        if (n == scratch.length) {
            scratch = Arrays.copyOf(scratch, n * 2);
        }
        scratch[n] = c;
        return n + 1;
    }

    private void endSample() {
        previousLine = -1;
        if (name < 0) {
            return;
        }
        stacks.add(name, frames, frameCount, period);
        periodsSummed |= period > 1;
        samples++;
        frameCount = 0;
        name = -1;
    }
}
