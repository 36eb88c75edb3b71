package dev.saturn.agent.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A page in the Prometheus text format, read back for tests: each family's series (labels sorted by name) and values. */
record Exposition(Map<String, Map<Map<String, String>, Double>> families) {

    static Exposition parse(String text) {
        Map<String, Map<Map<String, String>, Double>> families = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0 && brace < space) {
                int at = brace + 1;
                while (line.charAt(at) != '}') {
                    int eq = line.indexOf('=', at);
                    String key = line.substring(at, eq);
                    StringBuilder value = new StringBuilder();
                    int i = eq + 2;
                    for (; line.charAt(i) != '"'; i++) {
                        char c = line.charAt(i);
                        if (c == '\\') {
                            char next = line.charAt(++i);
                            value.append(next == 'n' ? '\n' : next);
                        } else {
                            value.append(c);
                        }
                    }
                    labels.put(key, value.toString());
                    at = line.charAt(i + 1) == ',' ? i + 2 : i + 1;
                }
            }
            families.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(labels, Double.parseDouble(line.substring(space + 1)));
        }
        return new Exposition(families);
    }

    Map<Map<String, String>, Double> family(String name) {
        return families.getOrDefault(name, Map.of());
    }
}
