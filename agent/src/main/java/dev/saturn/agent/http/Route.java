package dev.saturn.agent.http;

/** One read-only endpoint at one exact path. */
@FunctionalInterface
public interface Route {
    HttpResponse handle(HttpRequest request) throws Exception;
}
