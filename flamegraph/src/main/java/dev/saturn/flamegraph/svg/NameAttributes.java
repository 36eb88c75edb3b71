package dev.saturn.flamegraph.svg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * flamegraph.pl's {@code --nameattr FILE}: per function, attributes for its frames. A line is the
 * function name (as in the input), a tab, and tab-separated {@code key=value} pairs. {@code title}
 * replaces the tooltip, {@code href} (and {@code target}) make the frame a link, {@code class} is
 * added to the frame's classes, {@code id} and any other key that is an XML name become attributes
 * of the frame's {@code <g>}. Values are escaped on output, so a file cannot break the SVG; event
 * handlers ({@code on...}) and {@code javascript:} or {@code data:} links are dropped, so it cannot
 * run script either.
 */
public final class NameAttributes {
    public static final NameAttributes NONE = new NameAttributes(Map.of());

    private final Map<String, Map<String, String>> byName;

    private NameAttributes(Map<String, Map<String, String>> byName) {
        this.byName = byName;
    }

    /** @throws IllegalArgumentException on a line without a tab, naming the line */
    public static NameAttributes read(InputStream in) throws IOException {
        Map<String, Map<String, String>> byName = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("line " + lineNo + " has no tab (expected NAME<TAB>key=value<TAB>...)");
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (String pair : line.substring(tab + 1).split("\t")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    attrs.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            byName.put(line.substring(0, tab), Collections.unmodifiableMap(attrs));
        }
        return new NameAttributes(byName);
    }

    /** The attributes of a raw name (ISO-8859-1 chars), empty when none. */
    public Map<String, String> of(String rawName) {
        Map<String, String> a = byName.get(rawName);
        return a == null ? Map.of() : a;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
