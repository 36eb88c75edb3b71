package dev.saturn.flamegraph.html;

import dev.saturn.flamegraph.svg.FrameColors;
import dev.saturn.flamegraph.tree.FrameType;
import dev.saturn.flamegraph.tree.Name;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The page's name table, written on a thread of its own while the walk of the frames finds the names
 * ({@link #add}, in order of first use): each name's label as the length it shares with the one
 * before and the rest (a JSON string), its colour as an index into a table of distinct colours, and,
 * for a tree whose names carry frame types, each name's type (0 none, else {@link FrameType} ordinal + 1).
 * Decoding labels and choosing colours is a third of the page's work on a large graph; this way it
 * takes no time from the walk when a second CPU is free.
 */
final class NameTableWriter implements Runnable {
    private static final int WAKE_EVERY = 256;

    private final Name[] names;
    private final FrameColors colors;
    private final boolean wakers;
    private final Thread thread;
    private int added;
    private volatile int published;
    private volatile boolean done;
    private Throwable failure;

    private final Map<String, Integer> colorIndex = new HashMap<>();
    private final List<String> colorTable = new ArrayList<>();
    final VarintText prefixes = new VarintText();
    final VarintText nameColors = new VarintText();
    final VarintText wakerColors;
    final VarintText types;
    final StringBuilder suffixes;
    private String prev = "";
    private int written;

    /** {@code capacity}: at least the number of distinct names (the frames of the tree will do). */
    NameTableWriter(int capacity, FrameColors colors, boolean wakers, boolean typed) {
        this.names = new Name[capacity];
        this.colors = colors;
        this.wakers = wakers;
        this.wakerColors = wakers ? new VarintText() : null;
        this.types = typed ? new VarintText() : null;
        this.suffixes = new StringBuilder(Math.min(capacity, 1 << 17) * 8).append('[');
        this.thread = new Thread(this, "saturn-html-names");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next name of the table; the first is the root's. */
    void add(Name name) {
        names[added++] = name;
        published = added;
        if (added % WAKE_EVERY == 0) {
            LockSupport.unpark(thread);
        }
    }

    int size() {
        return added;
    }

    /** Waits for the table; afterwards its fields may be read. */
    void finish() {
        done = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        suffixes.append(']');
    }

    List<String> colorTable() {
        return colorTable;
    }

    @Override
    public void run() {
        try {
            for (;;) {
                boolean last = done;
                int upTo = published;
                while (written < upTo) {
                    write(names[written]);
                }
                if (last) {
                    return;
                }
                LockSupport.parkNanos(this, 1_000_000);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private void write(Name name) {
        boolean root = written == 0;
        String label = name.label();
        int shared = 0;
        int max = Math.min(prev.length(), label.length());
        while (shared < max && prev.charAt(shared) == label.charAt(shared)) {
            shared++;
        }
        if (shared > 0 && Character.isHighSurrogate(label.charAt(shared - 1))) {
            shared--;
        }
        prefixes.put(shared);
        if (!root) {
            suffixes.append(',');
        }
        JsonText.string(suffixes, label.substring(shared));
        prev = label;
        nameColors.put(color(name, root, false));
        if (wakers) {
            wakerColors.put(color(name, root, true));
        }
        if (types != null) {
            FrameType t = name.type();
            types.put(t == null ? 0 : t.ordinal() + 1);
        }
        written++;
    }

    /** The SVG's fill of a frame of this name (SvgRenderer's fill, but for differentials: the page colours those by delta). */
    private int color(Name name, boolean root, boolean waker) {
        String c;
        if (name.is("--")) {
            c = "rgb(160,160,160)";
        } else if (name.is("-")) {
            c = "rgb(200,200,200)";
        } else {
            c = root ? colors.of("", "", false) : colors.ofName(name, waker);
        }
        Integer i = colorIndex.get(c);
        if (i == null) {
            i = colorTable.size();
            colorTable.add(c);
            colorIndex.put(c, i);
        }
        return i;
    }
}
