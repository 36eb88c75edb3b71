package dev.saturn.agent.http;

/** A request the server refuses before any route sees it: the status and the one-line reason of its JSON error. */
final class HttpProblem extends Exception {
    final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpResponse response() {
        return HttpResponse.jsonError(status, getMessage());
    }
}
