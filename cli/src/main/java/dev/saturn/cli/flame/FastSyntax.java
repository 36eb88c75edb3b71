package dev.saturn.cli.flame;

/**
 * The options and parameters of one command as {@link FastArguments} reads them, generated at build
 * time from the command's picocli annotations (cli/src/build/FastSyntaxGenerator.java writes
 * {@code FastSyntaxTable}), so that an option is declared once, in its annotation.
 *
 * @param mixins the fields, as paths from the command ("render", "verbose"), that picocli fills with a
 *               new object whatever the arguments
 * @param options every option picocli knows, help and version included
 * @param parameters the positional parameters, in index order
 */
public record FastSyntax(String[] mixins, Option[] options, Parameter[] parameters) {
    /** How a value is converted, as picocli converts it for the field's type; PICOCLI: picocli reads the arguments. */
    public enum Kind {
        FLAG, NEGATED_FLAG, STRING, INT, DOUBLE, PATH, ENUM, STRING_LIST, PICOCLI
    }

    /**
     * @param key   the name it may be given once under (picocli's longest name; also for a negated form)
     * @param path  the field it sets, from the command: "render.look.title"
     * @param names every name that sets it this way
     */
    public record Option(Kind kind, String key, String path, String... names) {
    }

    /** A positional parameter; a STRING_LIST one takes the rest. */
    public record Parameter(Kind kind, String path, boolean required) {
    }

    /** The syntaxes of the commands FastArguments reads; implemented by the generated {@code FastSyntaxTable}. */
    public interface Table {
        /** The syntax of {@code command}, null for a command the table does not hold. */
        FastSyntax of(String command);
    }

    private static final String TABLE = "dev.saturn.cli.flame.FastSyntaxTable";

    /** The generated table; null when the build did not generate it (then picocli reads every argument). */
    static Table table() {
        try {
            return (Table) Class.forName(TABLE).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
