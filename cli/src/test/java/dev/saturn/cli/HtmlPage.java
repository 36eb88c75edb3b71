package dev.saturn.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page of `saturn flamegraph --format html` holds, read back as its script reads it (the data elements
 * described at the top of flamegraph/src/main/js/flamegraph-html.js): the names, the frame count, the colour table,
 * each name's colour, and each name's frame type (null for none; empty when the page has no types).
 */
record HtmlPage(String text, List<String> names, int frames, List<String> colors, List<String> fills, List<String> types) {

    static HtmlPage of(byte[] page) {
        String text = new String(page, StandardCharsets.UTF_8);
        List<String> suffixes = strings(element(text, "fg-names"));
        String prefixes = element(text, "fg-prefixes");
        List<String> names = new ArrayList<>();
        int[] at = {0};
        String prev = "";
        for (String suffix : suffixes) {
            prev = prev.substring(0, (int) varint(prefixes, at)) + suffix;
            names.add(prev);
        }
        String meta = element(text, "fg-meta");
        Matcher frames = Pattern.compile("\"frames\":(\\d+)").matcher(meta);
        Matcher colors = Pattern.compile("\"colors\":\\[([^\\]]*)\\]").matcher(meta);
        if (!frames.find() || !colors.find()) {
            throw new IllegalArgumentException("no frames or colors in " + meta);
        }
        List<String> table = strings("[" + colors.group(1) + "]");
        List<String> fills = new ArrayList<>();
        String nameColors = element(text, "fg-colors");
        int[] c = {0};
        for (int i = 0; i < names.size(); i++) {
            fills.add(table.get((int) varint(nameColors, c)));
        }
        List<String> types = new ArrayList<>();
        Matcher typeNames = Pattern.compile("\"types\":\\[([^\\]]*)\\]").matcher(meta);
        if (typeNames.find()) {
            List<String> described = strings("[" + typeNames.group(1) + "]");
            String nameTypes = element(text, "fg-types");
            int[] t = {0};
            for (int i = 0; i < names.size(); i++) {
                int type = (int) varint(nameTypes, t);
                types.add(type == 0 ? null : described.get(type - 1));
            }
        }
        return new HtmlPage(text, names, Integer.parseInt(frames.group(1)), table, fills, types);
    }

    private static String element(String text, String id) {
        int open = text.indexOf("id=\"" + id + "\">");
        if (open < 0) {
            throw new IllegalArgumentException("no element " + id);
        }
        int from = text.indexOf('>', open) + 1;
        return text.substring(from, text.indexOf("</script>", from));
    }

    private static long varint(String s, int[] at) {
        long v = 0;
        int shift = 0;
        for (;;) {
            char c = s.charAt(at[0]++);
            if (c >= 0x5f) {
                v |= (long) (c - 0x5f) << shift;
                shift += 5;
            } else {
                return v | (long) (c - 0x3f) << shift;
            }
        }
    }

    /** A JSON array of strings. */
    private static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        int i = json.indexOf('[') + 1;
        while (true) {
            while (json.charAt(i) == ',' || json.charAt(i) == ' ') {
                i++;
            }
            if (json.charAt(i) == ']') {
                return out;
            }
            StringBuilder b = new StringBuilder();
            i++; // the opening quote
            for (char c; (c = json.charAt(i++)) != '"'; ) {
                if (c == '\\') {
                    char e = json.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            out.add(b.toString());
        }
    }
}
