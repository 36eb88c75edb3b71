package dev.saturn.agent.http;

import sun.misc.Signal;

/**
 * SIGHUP re-reads the token file (systemctl reload, after a rotation) instead of stopping the agent, which is
 * what the JVM does with it by default.
 */
public final class TokenReload {
    private TokenReload() {
    }

    public static void onSighup(Runnable reload) {
        Signal.handle(new Signal("HUP"), signal -> reload.run());
    }
}
