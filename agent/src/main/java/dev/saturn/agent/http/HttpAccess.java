package dev.saturn.agent.http;

import java.nio.file.Path;
import java.util.List;

/**
 * Who may ask what: {@code tokenFile} (--auth-token-file) guards every route but the dashboard's page, and without
 * it the agent's own token in its data directory guards the profiles; {@code allowedHosts} (--allowed-host) are the
 * Host names served besides the listen address (and localhost on loopback).
 */
public record HttpAccess(Path tokenFile, List<String> allowedHosts) {
    public static final HttpAccess DEFAULT = new HttpAccess(null, List.of());

    public HttpAccess {
        allowedHosts = List.copyOf(allowedHosts);
    }
}
