package dev.saturn.agent.log;

import java.io.PrintStream;

/** One line per event on stderr, where journald reads it; nothing per sample. */
public final class AgentLog {
    private final PrintStream out;

    public AgentLog(PrintStream out) {
        this.out = out;
    }

    public static AgentLog stderr() {
        return new AgentLog(System.err);
    }

    public void event(String message) {
        synchronized (out) {
            out.println("saturn agent: " + message.replace('\n', ' '));
            out.flush();
        }
    }
}
