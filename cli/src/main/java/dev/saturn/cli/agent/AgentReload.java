package dev.saturn.cli.agent;

import dev.saturn.agent.Agent;

/**
 * What SIGHUP does to the agent: re-read its token file. One that arrives while the agent starts is kept until it
 * has started, then done: the file may have changed after the start read it.
 */
final class AgentReload implements Runnable {
    private Agent agent;
    private boolean pending;

    @Override
    public synchronized void run() {
        if (agent == null) {
            pending = true;
        } else {
            agent.reloadToken();
        }
    }

    synchronized void started(Agent started) {
        agent = started;
        if (pending) {
            pending = false;
            agent.reloadToken();
        }
    }
}
