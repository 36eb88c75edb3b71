package dev.saturn.flamegraph.svg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * flamegraph.pl's consistent palette ({@code --cp}): a file of {@code name->rgb(r,g,b)} lines, read
 * before drawing so that names keep their colours across graphs, and written back after it with the
 * new names added, sorted by name. Names are the input bytes (ISO-8859-1 chars), so the file keeps
 * them byte for byte.
 */
public final class PaletteMap {
    private final Map<String, String> colors = new TreeMap<>();

    public static PaletteMap empty() {
        return new PaletteMap();
    }

    /** Lines without "->" are skipped; the colour is what follows the last "->". */
    public static PaletteMap read(InputStream in) throws IOException {
        PaletteMap map = new PaletteMap();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        for (String line; (line = r.readLine()) != null; ) {
            int arrow = line.lastIndexOf("->");
            if (arrow >= 0) {
                String color = line.substring(arrow + 2).trim();
                if (color.matches("rgb\\(\\d{1,3},\\d{1,3},\\d{1,3}\\)|#[0-9a-fA-F]{6}")) {
                    map.colors.put(line.substring(0, arrow), color);
                }
            }
        }
        return map;
    }

    public void write(OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : colors.entrySet()) {
            b.append(e.getKey()).append("->").append(e.getValue()).append('\n');
        }
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public int size() {
        return colors.size();
    }

    /** The colour on the map, or a new one from {@code compute}, remembered. */
    public String colorOf(String name, Supplier<String> compute) {
        String c = colors.get(name);
        if (c == null) {
            c = compute.get();
            colors.put(name, c);
        }
        return c;
    }

    public String get(String name) {
        return colors.get(name);
    }
}
