package dev.saturn.cli.flame;

import dev.saturn.cli.common.UserException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The option spellings the FlameGraph scripts accept through Perl's Getopt::Long, so that scripts calling
 * flamegraph.pl or stackcollapse-perf.pl keep working with saturn in their place: a long option with one dash
 * ({@code -title X}), any unambiguous beginning of its name ({@code --inv}), in any case ({@code --Title}), with its
 * value after {@code =} or as the next argument. Each is rewritten to the name saturn declares ({@code --title}),
 * from the command's one declaration ({@link FastSyntax}), before the arguments are read; short options
 * ({@code -o FILE}) and everything after {@code --} stay as they are.
 */
public final class PerlSpelling {
    /**
     * The options each Perl script declares to Getopt::Long: a beginning unique among these means what the script
     * takes it for, though saturn has more options that begin so (flamegraph.pl's --col is --colors).
     */
    private static final Map<String, List<String>> PERL = Map.of(
            "flamegraph", List.of("fonttype", "width", "height", "encoding", "fontsize", "fontwidth", "minwidth", "title",
                    "subtitle", "nametype", "countname", "nameattr", "total", "factor", "colors", "bgcolors", "hash", "random",
                    "cp", "reverse", "inverted", "flamechart", "negate", "notes", "help"),
            "collapse", List.of("inline", "context", "srcline", "pid", "kernel", "jit", "all", "tid", "addrs", "event-filter"));

    private PerlSpelling() {
    }

    /** {@code args} (the command's name first) with every long option spelled as declared. */
    public static String[] normalize(String[] args, FastSyntax syntax) {
        List<String> out = new ArrayList<>(args.length);
        out.add(args[0]);
        boolean valueNext = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (valueNext) {
                out.add(arg);
                valueNext = false;
                continue;
            }
            if (arg.equals("--")) {
                for (int j = i; j < args.length; j++) {
                    out.add(args[j]);
                }
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-") || isNumber(arg)) {
                out.add(arg);
                continue;
            }
            // -o, -oFILE: a short option (with its value attached); -hei where -h is a flag: Getopt::Long's --height
            FastSyntax.Option shortOption = shortOption(arg, syntax);
            if (shortOption != null && (arg.length() == 2 || (takesValue(shortOption) && !isLongName(arg.substring(1), syntax)))) {
                out.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String typed = arg.substring(arg.startsWith("--") ? 2 : 1, eq < 0 ? arg.length() : eq);
            FastSyntax.Option option = resolve(typed, arg, syntax, PERL.getOrDefault(args[0], List.of()));
            if (option == null) {
                out.add(arg); // not an option of the command: its parser says so
                continue;
            }
            String name = spelled(typed, option);
            out.add(eq < 0 ? name : name + arg.substring(eq));
            valueNext = eq < 0 && takesValue(option);
        }
        return out.toArray(new String[0]);
    }

    /** The option {@code typed} names (exactly, or as the only option whose name begins so), ignoring case. */
    private static FastSyntax.Option resolve(String typed, String arg, FastSyntax syntax, List<String> perl) {
        String lower = typed.toLowerCase(Locale.ROOT);
        Set<FastSyntax.Option> begins = new LinkedHashSet<>();
        for (FastSyntax.Option option : syntax.options()) {
            for (String name : option.names()) {
                if (!name.startsWith("--")) {
                    continue;
                }
                String bare = name.substring(2).toLowerCase(Locale.ROOT);
                if (bare.equals(lower)) {
                    return option;
                }
                if (!lower.isEmpty() && bare.startsWith(lower)) {
                    begins.add(option);
                }
            }
        }
        if (begins.size() > 1) {
            List<String> scripts = new ArrayList<>();
            for (String name : perl) {
                if (name.startsWith(lower)) {
                    scripts.add(name);
                }
            }
            if (scripts.size() == 1) {
                for (FastSyntax.Option o : begins) {
                    for (String name : o.names()) {
                        if (name.equals("--" + scripts.get(0))) {
                            return o;
                        }
                    }
                }
            }
            List<String> names = new ArrayList<>();
            for (FastSyntax.Option o : begins) {
                names.add(o.key());
            }
            throw new UserException("option " + arg + " is ambiguous (" + String.join(", ", names) + "): give more of its name");
        }
        return begins.isEmpty() ? null : begins.iterator().next();
    }

    /** The declared name {@code typed} stands for: the one it begins, of an option that has several (--color, --colors). */
    private static String spelled(String typed, FastSyntax.Option option) {
        String lower = typed.toLowerCase(Locale.ROOT);
        String best = null;
        for (String name : option.names()) {
            if (!name.startsWith("--")) {
                continue;
            }
            String bare = name.substring(2).toLowerCase(Locale.ROOT);
            if (bare.equals(lower)) {
                return name;
            }
            if (bare.startsWith(lower) && (best == null || name.length() < best.length())) {
                best = name;
            }
        }
        return best;
    }

    /** Whether the option takes a value: not a flag, nor picocli's own help and version (which set no field). */
    private static boolean takesValue(FastSyntax.Option option) {
        return switch (option.kind()) {
            case FLAG, NEGATED_FLAG -> false;
            case PICOCLI -> !option.path().isEmpty();
            default -> true;
        };
    }

    /** The short option the argument begins with (-o of -oout.svg), or null. */
    private static FastSyntax.Option shortOption(String arg, FastSyntax syntax) {
        if (arg.startsWith("--") || arg.length() < 2) {
            return null;
        }
        String first = arg.substring(0, 2);
        for (FastSyntax.Option option : syntax.options()) {
            for (String name : option.names()) {
                if (name.equals(first)) {
                    return option;
                }
            }
        }
        return null;
    }

    private static boolean isLongName(String word, FastSyntax syntax) {
        int eq = word.indexOf('=');
        String bare = (eq < 0 ? word : word.substring(0, eq)).toLowerCase(Locale.ROOT);
        for (FastSyntax.Option option : syntax.options()) {
            for (String name : option.names()) {
                if (name.startsWith("--") && name.substring(2).toLowerCase(Locale.ROOT).equals(bare)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNumber(String arg) {
        try {
            Double.parseDouble(arg);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
