package dev.saturn.collectors;

import java.util.ArrayList;
import java.util.List;

/** Splitting of whitespace-separated kernel text without regular expressions (the hot path). */
public final class Tokens {
    private Tokens() {
    }

    public static String[] split(String line) {
        List<String> out = new ArrayList<>(24);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) > ' ') {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>(64);
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Parses an unsigned decimal counter; anything else is a garbled file. */
    public static long counter(String token) {
        long value = Long.parseLong(token);
        if (value < 0) {
            throw new IllegalArgumentException("negative counter " + token);
        }
        return value;
    }
}
