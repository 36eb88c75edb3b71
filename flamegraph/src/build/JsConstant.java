import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Build step (run by the flamegraph pom, as {@code java JsConstant.java ...}): turns a script source
 * into a Java class holding it as a string constant. The SVG embeds the script, and a constant costs
 * microseconds where reading a resource opens the jar (its central directory, the zip and class-loader
 * machinery), about 12 ms of CPU on every `saturn flamegraph`.
 *
 * <p>usage: java JsConstant.java SCRIPT OUTPUT_DIR pkg.ClassName
 */
public final class JsConstant {
    private static final int MAX_CONSTANT_BYTES = 65535;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java JsConstant.java SCRIPT OUTPUT_DIR pkg.ClassName");
        }
        Path script = Path.of(args[0]);
        String text = Files.readString(script, StandardCharsets.UTF_8);
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_CONSTANT_BYTES) {
            throw new IllegalArgumentException(script + " is over " + MAX_CONSTANT_BYTES + " bytes, the limit of a class file constant");
        }
        int dot = args[2].lastIndexOf('.');
        String pkg = args[2].substring(0, dot);
        String name = args[2].substring(dot + 1);
        StringBuilder java = new StringBuilder();
        java.append("package ").append(pkg).append(";\n\n");
        java.append("/** Generated at build time from ").append(script.getFileName()).append(" by src/build/JsConstant.java: edit the script, not this. */\n");
        java.append("final class ").append(name).append(" {\n");
        java.append("    private ").append(name).append("() {\n    }\n\n");
        java.append("    static final String TEXT = \"\"");
        for (String line : text.split("(?<=\n)")) {
            java.append("\n            + \"").append(literal(line)).append('"');
        }
        java.append(";\n}\n");
        Path out = Path.of(args[1]).resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.createDirectories(out.getParent());
        Files.writeString(out, java, StandardCharsets.UTF_8);
    }

    /** The body of a Java string literal whose value is {@code s}. */
    private static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        // octal below 0x20: javac turns unicode escapes into characters before it reads literals
                        b.append(c < 0x20 ? String.format(Locale.ROOT, "\\%03o", (int) c) : String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
