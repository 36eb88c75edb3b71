package dev.saturn.cli.help;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's manual page in roff (man(7) macros), from the same picocli model as its --help, so that the two never
 * drift: NAME and SYNOPSIS, the description, every option and parameter with its description rendered as --help
 * renders it, the examples and notes of the footer, and SEE ALSO.
 */
public final class ManPage {
    private ManPage() {
    }

    /** The page name of a command: saturn, saturn-use, saturn-jfr-summary. */
    public static String name(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    /** The page of {@code spec}, dated {@code date} (YYYY-MM-DD), for {@code version} ("saturn 0.1.0"). */
    public static String of(CommandSpec spec, String date, String version, List<String> seeAlso) {
        StringBuilder out = new StringBuilder(8192);
        String name = name(spec);
        out.append(".\\\" generated from saturn's command model; edit the @Command and @Option annotations, not this file\n");
        out.append(".TH ").append(quoted(name.toUpperCase(Locale.ROOT))).append(" 1 ").append(quoted(date)).append(' ')
                .append(quoted(version)).append(" \"saturn manual\"\n");
        String[] description = spec.usageMessage().description();
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(description.length == 0 ? "" : firstSentence(description[0]))).append('\n');
        out.append(".SH SYNOPSIS\n.nf\n").append(escape(synopsis(spec))).append("\n.fi\n");
        if (description.length > 0) {
            out.append(".SH DESCRIPTION\n");
            paragraphs(out, description, false);
        }
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                options.add(o);
            }
        }
        if (!spec.positionalParameters().isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (!p.hidden()) {
                    out.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
                    paragraphs(out, p.renderedDescription(), true);
                }
            }
        }
        if (!options.isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                out.append(".TP\n").append(optionNames(o)).append('\n');
                paragraphs(out, o.renderedDescription(), true);
            }
        }
        if (!spec.subcommands().isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (var e : spec.subcommands().entrySet()) {
                CommandSpec sub = e.getValue().getCommandSpec();
                if (sub.usageMessage().hidden()) {
                    continue;
                }
                String[] d = sub.usageMessage().description();
                out.append(".TP\n\\fB").append(escape(e.getKey())).append("\\fR\n")
                        .append(escape(d.length == 0 ? "" : firstSentence(d[0]))).append('\n');
            }
        }
        footer(out, spec.usageMessage().footer());
        if (!seeAlso.isEmpty()) {
            out.append(".SH SEE ALSO\n");
            List<String> refs = new ArrayList<>();
            for (String page : seeAlso) {
                refs.add("\\fB" + escape(page) + "\\fR(1)");
            }
            out.append(String.join(",\n", refs)).append('\n');
        }
        return out.toString();
    }

    /** The synopsis as --help prints it, without colours, with its leading "Usage: " dropped. */
    private static String synopsis(CommandSpec spec) {
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        String text = help.synopsis(0).stripTrailing();
        return text.startsWith("Usage: ") ? text.substring("Usage: ".length()) : text;
    }

    private static String optionNames(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String label = o.typeInfo().isBoolean() && o.arity().max() == 0 ? "" : o.paramLabel();
        String joined = String.join(", ", names);
        if (label.isEmpty()) {
            return joined;
        }
        String arg = "\\fI" + escape(label) + "\\fR";
        return joined + (o.arity().min() == 0 ? "[=" + arg + "]" : "=" + arg);
    }

    /**
     * The footer: "Examples:" and what follows as a block of command lines (kept as written), other lines as
     * paragraphs; an empty line ends a block.
     */
    private static void footer(StringBuilder out, String[] footer) {
        boolean verbatim = false;
        boolean section = false;
        for (String line : footer) {
            if (line.isBlank()) {
                if (verbatim) {
                    out.append(".fi\n");
                    verbatim = false;
                }
                continue;
            }
            if (line.endsWith(":") && !line.startsWith(" ")) {
                if (verbatim) {
                    out.append(".fi\n");
                    verbatim = false;
                }
                String heading = line.substring(0, line.length() - 1);
                boolean examples = heading.equalsIgnoreCase("examples");
                out.append(".SH ").append(quoted(examples ? "EXAMPLES" : heading.toUpperCase(Locale.ROOT))).append('\n');
                section = true;
                continue;
            }
            if (line.startsWith(" ")) {
                if (!verbatim) {
                    out.append(".PP\n.nf\n.RS 4\n");
                    verbatim = true;
                }
                out.append(escape(line.strip())).append('\n');
                continue;
            }
            if (verbatim) {
                out.append(".fi\n");
                verbatim = false;
            }
            if (!section) {
                out.append(".SH NOTES\n");
                section = true;
            }
            out.append(".PP\n").append(escape(line)).append('\n');
        }
        if (verbatim) {
            out.append(".fi\n");
        }
    }

    /** Description lines: each its own line, an empty one a new paragraph; under an option's tag, indented as it is. */
    private static void paragraphs(StringBuilder out, String[] lines, boolean underTag) {
        boolean started = false;
        boolean gap = false;
        for (String line : lines) {
            if (line.isBlank()) {
                gap = started;
                continue;
            }
            if (gap) {
                out.append(underTag ? ".IP\n" : ".PP\n");
                gap = false;
            } else if (started) {
                out.append(".br\n");
            }
            out.append(escape(line)).append('\n');
            started = true;
        }
    }

    private static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        String s = dot > 0 ? text.substring(0, dot) : text;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String quoted(String s) {
        return "\"" + escape(s).replace("\"", "\\(dq") + "\"";
    }

    /**
     * Text safe in roff: backslashes doubled, hyphens as \- (so that options copy and search as ASCII), and a line
     * that would begin with . or ' (a request) led by \&.
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (String line : s.split("\n", -1)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                b.append("\\&");
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\e");
                    case '-' -> b.append("\\-");
                    default -> b.append(c);
                }
            }
        }
        return b.toString();
    }
}
