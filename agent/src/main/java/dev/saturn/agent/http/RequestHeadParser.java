package dev.saturn.agent.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses a request head strictly (RFC 9112): "METHOD SP origin-form SP HTTP/1.x" then "name: value" lines, each
 * ended by CRLF. Anything else is an {@link HttpProblem}: a lone LF, a space before a header's colon, a folded
 * header line, an absolute or empty-segment path ("//metrics"), a bad '%' escape, a URI over {@link #MAX_URI}
 * characters (414), more than {@link #MAX_HEADERS} headers (431), a repeated Host or Content-Length.
 */
final class RequestHeadParser {
    static final int MAX_URI = 2048;
    static final int MAX_HEADERS = 64;
    private static final Set<String> SINGLE = Set.of("host", "content-length", "authorization");

    private RequestHeadParser() {
    }

    /** {@code head}: the bytes up to and including the blank line that ends it. */
    static RequestHead parse(byte[] head, int length) throws HttpProblem {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        int lineEnd = lineEnd(text, 0);
        String requestLine = text.substring(0, lineEnd);
        int sp1 = requestLine.indexOf(' ');
        int sp2 = requestLine.lastIndexOf(' ');
        if (sp1 <= 0 || sp2 == sp1) {
            throw new HttpProblem(400, "malformed request line: want METHOD /path HTTP/1.1");
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        if (!method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new HttpProblem(400, "malformed request line: the method is not an upper-case token");
        }
        if (target.length() > MAX_URI) {
            throw new HttpProblem(414, "request URI of " + target.length() + " characters, longer than " + MAX_URI);
        }
        boolean http11 = version.equals("HTTP/1.1");
        if (!http11 && !version.equals("HTTP/1.0")) {
            throw new HttpProblem(version.startsWith("HTTP/") ? 505 : 400, "unsupported protocol '" + printable(version) + "': HTTP/1.1 or HTTP/1.0");
        }
        if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new HttpProblem(400, "malformed request target: want a path starting with '/', e.g. /metrics");
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        if (target.indexOf('#') >= 0) {
            throw new HttpProblem(400, "a fragment ('#') in the request target");
        }
        if (rawPath.contains("//")) {
            throw new HttpProblem(400, "empty segment ('//') in the path " + printable(rawPath));
        }
        String path = PercentDecoding.decode(rawPath, false);
        Map<String, String> headers = new LinkedHashMap<>();
        int count = 0;
        for (int start = lineEnd + 2; start < text.length(); ) {
            int end = lineEnd(text, start);
            if (end == start) {
                break;
            }
            if (++count > MAX_HEADERS) {
                throw new HttpProblem(431, "more than " + MAX_HEADERS + " request headers");
            }
            header(text.substring(start, end), headers);
            start = end + 2;
        }
        return new RequestHead(method, target, path, rawQuery, http11, Map.copyOf(headers));
    }

    private static void header(String line, Map<String, String> headers) throws HttpProblem {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new HttpProblem(400, "folded header lines are not accepted");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new HttpProblem(400, "malformed header line: want 'Name: value'");
        }
        String name = line.substring(0, colon);
        if (!name.chars().allMatch(RequestHeadParser::tokenChar)) {
            throw new HttpProblem(400, "malformed header name '" + printable(name) + "'");
        }
        String value = line.substring(colon + 1).strip();
        if (value.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 0x7f)) {
            throw new HttpProblem(400, "a control character in header " + name);
        }
        String key = name.toLowerCase(java.util.Locale.ROOT);
        String before = headers.putIfAbsent(key, value);
        if (before != null) {
            if (SINGLE.contains(key)) {
                throw new HttpProblem(400, "header " + name + " given twice");
            }
            headers.put(key, before + ", " + value);
        }
    }

    /** Where the line starting at {@code from} ends (its CR); a lone LF is refused. */
    private static int lineEnd(String text, int from) throws HttpProblem {
        int lf = text.indexOf('\n', from);
        if (lf < 0 || lf == from || text.charAt(lf - 1) != '\r') {
            throw new HttpProblem(400, "malformed request: lines must end with CRLF");
        }
        int cr = text.indexOf('\r', from);
        if (cr != lf - 1) {
            throw new HttpProblem(400, "malformed request: a lone CR");
        }
        return lf - 1;
    }

    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
