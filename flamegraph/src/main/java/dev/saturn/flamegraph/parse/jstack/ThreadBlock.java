package dev.saturn.flamegraph.parse.jstack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One thread of one dump while it is read: its name, its state and its frames, leaf first as
 * jstack prints them. The state follows stackcollapse-jstack.pl: the first
 * `java.lang.Thread.State:` wins, some JVM threads are BACKGROUND by name, and RUNNABLE frames
 * known to wait (epoll, socket accept and read) turn the thread to WAITING or NETWORK.
 */
final class ThreadBlock {
    private static final Pattern COMPILER_THREAD = Pattern.compile("C. CompilerThread");
    private static final Pattern SOCKET_ACCEPT = Pattern.compile("Socket.*accept0$");

    private final List<String> frames = new ArrayList<>();
    private String name;
    private String state = "?";
    private boolean stated;

    void start(String threadName) {
        clear();
        name = threadName;
        if (COMPILER_THREAD.matcher(threadName).find()
                || threadName.contains("Signal Dispatcher")
                || threadName.contains("Service Thread")
                || threadName.contains("Attach Listener")) {
            state = "BACKGROUND";
        }
    }

    void state(String threadState) {
        stated = true;
        if (state.equals("?")) {
            state = threadState;
        }
    }

    void frame(String method) {
        frames.add(method);
        if (method.contains("epollWait") || method.contains("EPoll.wait")) {
            state = "WAITING";
        }
        if (method.endsWith("socketAccept") || SOCKET_ACCEPT.matcher(method).find() || method.endsWith("socketRead0")) {
            state = "NETWORK";
        }
    }

    boolean isEmpty() {
        return name == null && frames.isEmpty() && !stated;
    }

    /** The folded stack this thread adds, root first, or null when the options leave it out. */
    String stack(JstackOptions options) {
        boolean included = options.allThreads() ? stated : state.equals("RUNNABLE");
        boolean named = options.threadNames() && name != null;
        if (!included || (!named && frames.isEmpty())) {
            return null;
        }
        StringBuilder b = new StringBuilder(64 * (frames.size() + 1));
        if (named) {
            b.append(options.threadNumbers() ? name : withoutNumber(name));
        }
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (b.length() > 0 || i < frames.size() - 1) {
                b.append(';');
            }
            b.append(frames.get(i));
        }
        return b.toString();
    }

    void clear() {
        frames.clear();
        name = null;
        state = "?";
        stated = false;
    }

    /** `pool-1-thread-3` to `pool-1-thread`. */
    static String withoutNumber(String threadName) {
        int i = threadName.length();
        while (i > 0 && threadName.charAt(i - 1) >= '0' && threadName.charAt(i - 1) <= '9') {
            i--;
        }
        return i < threadName.length() && i > 0 && threadName.charAt(i - 1) == '-' ? threadName.substring(0, i - 1) : threadName;
    }
}
