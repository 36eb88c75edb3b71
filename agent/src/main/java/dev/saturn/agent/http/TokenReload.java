package dev.saturn.agent.http;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP re-reads the token file (systemctl reload, after a rotation) instead of stopping the agent, which is
 * what the JVM does with it by default.
 */
public final class TokenReload {
    private TokenReload() {
    }

    /**
     * Whether SIGHUP now re-reads it: not when this process started with SIGHUP ignored (under nohup), where the JVM
     * installs no handler and the signal stays ignored.
     */
    public static boolean onSighup(Runnable reload) {
        return Signal.handle(new Signal("HUP"), signal -> reload.run()) != SignalHandler.SIG_IGN;
    }
}
