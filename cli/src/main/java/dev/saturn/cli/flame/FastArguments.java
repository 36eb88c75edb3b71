package dev.saturn.cli.flame;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The arguments of `saturn collapse`, `flamegraph` and `diff-folded` read without picocli, whose
 * reflection over the annotations (dynamic proxies that the AppCDS archive cannot hold) costs about
 * 100 ms of a run that does 60 ms of work.
 *
 * <p>What it reads comes from the commands' own @Option and @Parameters, through the table the build
 * generates from them ({@link FastSyntax}): an option added to a command works here too. It takes
 * only what it fully understands: known options, each given once (a list option repeats), values
 * that picocli would convert the same way, files that do not look like options. For anything else
 * (--help, an unknown or repeated option, a bad number, {@code @file}, {@code --}, an option whose
 * value needs picocli's converter) it returns null and picocli reads the arguments, so that help
 * and every message about a bad argument stay picocli's. The commands' fields start at their
 * options' defaults, which FastArgumentsTest checks against what picocli builds.
 */
public final class FastArguments {
    private FastArguments() {
    }

    /** A command with its options set, ready to call, and whether --verbose was given. */
    public record Parsed(Callable<Integer> command, boolean verbose) {
    }

    /** The command the arguments ask for, writing its messages to {@code err}; null when picocli must read them. */
    public static Parsed parse(String[] args, PrintWriter err) {
        if (args.length == 0) {
            return null;
        }
        Callable<Integer> command = command(args[0], err);
        FastSyntax.Table table = command == null ? null : FastSyntax.table();
        FastSyntax syntax = table == null ? null : table.of(args[0]);
        if (syntax == null) {
            return null;
        }
        try {
            Args a = new Args(args);
            read(a, syntax, command);
            return new Parsed(command, a.given("--verbose"));
        } catch (HandOver e) {
            return null;
        }
    }

    /** The syntax the fast path reads for {@code command}, null for a command it leaves to picocli. */
    public static FastSyntax syntax(String command) {
        FastSyntax.Table table = FastSyntax.table();
        return table == null ? null : table.of(command);
    }

    private static Callable<Integer> command(String name, PrintWriter err) {
        switch (name) {
            case "collapse": {
                CollapseCommand c = new CollapseCommand();
                c.err = err;
                return c;
            }
            case "flamegraph": {
                FlamegraphCommand c = new FlamegraphCommand();
                c.err = err;
                return c;
            }
            case "diff-folded": {
                DiffFoldedCommand c = new DiffFoldedCommand();
                c.err = err;
                return c;
            }
            default:
                return null;
        }
    }

    private static void read(Args a, FastSyntax syntax, Object command) {
        for (String mixin : syntax.mixins()) {
            Fields.at(command, mixin);
        }
        FastSyntax.Parameter[] parameters = syntax.parameters();
        int parameter = 0;
        while (a.hasNext()) {
            String arg = a.next();
            FastSyntax.Option option = find(syntax, arg);
            if (option != null) {
                set(a, arg, option, command);
                continue;
            }
            String value = a.positional(arg);
            if (parameter == parameters.length) {
                throw HandOver.INSTANCE;
            }
            FastSyntax.Parameter p = parameters[parameter];
            if (p.kind() == FastSyntax.Kind.STRING_LIST) {
                Fields.list(command, p.path()).add(value);
            } else {
                Fields.set(command, p.path(), convert(p.kind(), value, command, p.path()));
                parameter++;
            }
        }
        for (int i = parameter; i < parameters.length; i++) {
            if (parameters[i].required()) {
                throw HandOver.INSTANCE;
            }
        }
    }

    private static FastSyntax.Option find(FastSyntax syntax, String arg) {
        for (FastSyntax.Option option : syntax.options()) {
            for (String name : option.names()) {
                if (name.equals(arg)) {
                    return option;
                }
            }
        }
        return null;
    }

    private static void set(Args a, String arg, FastSyntax.Option option, Object command) {
        switch (option.kind()) {
            case FLAG -> Fields.set(command, option.path(), a.flag(option.key()));
            case NEGATED_FLAG -> Fields.set(command, option.path(), !a.flag(option.key()));
            case STRING_LIST -> Fields.list(command, option.path()).add(a.repeatableValue());
            case PICOCLI -> throw HandOver.INSTANCE;
            default -> Fields.set(command, option.path(), convert(option.kind(), a.value(option.key()), command, option.path()));
        }
    }

    private static Object convert(FastSyntax.Kind kind, String value, Object command, String path) {
        return switch (kind) {
            case STRING -> value;
            case INT -> integer(value);
            case DOUBLE -> decimal(value);
            case PATH -> path(value);
            case ENUM -> constant(Fields.type(command, path), value);
            default -> throw HandOver.INSTANCE;
        };
    }

    /** As picocli converts an enum, but case-sensitive: a value in other case is left to picocli. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object constant(Class<?> type, String value) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum) constant).name().equals(value)) {
                return constant;
            }
        }
        throw HandOver.INSTANCE;
    }

    /** As picocli converts an int: Integer.valueOf. */
    private static int integer(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw HandOver.INSTANCE;
        }
    }

    /** As picocli converts a double: Double.valueOf. */
    private static double decimal(String value) {
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw HandOver.INSTANCE;
        }
    }

    /** As picocli converts a Path: Path.of. */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw HandOver.INSTANCE;
        }
    }

    /** The arguments after the subcommand's name, in turn; an option's value may follow it or come after '='. */
    private static final class Args {
        private final String[] args;
        private final Set<String> seen = new HashSet<>();
        private int next = 1;
        private String inline;

        Args(String[] args) {
            this.args = args;
        }

        boolean hasNext() {
            return next < args.length;
        }

        /** The next argument; for {@code --name=value}, the name, with the value kept for {@link #value}. */
        String next() {
            String arg = args[next++];
            inline = null;
            if (arg.startsWith("@") || arg.equals("--")) {
                throw HandOver.INSTANCE;
            }
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                inline = arg.substring(eq + 1);
                return arg.substring(0, eq);
            }
            return arg;
        }

        /** A flag's value, true, once; picocli reads {@code --flag=VALUE} and repeats, not this. */
        boolean flag(String name) {
            if (inline != null) {
                throw HandOver.INSTANCE;
            }
            once(name);
            return true;
        }

        String value(String name) {
            once(name);
            return repeatableValue();
        }

        /** The option's value; one that starts with '-' other than "-" itself is left to picocli. */
        String repeatableValue() {
            if (inline != null) {
                return inline;
            }
            if (!hasNext()) {
                throw HandOver.INSTANCE;
            }
            String value = args[next++];
            if (value.startsWith("-") && !value.equals("-") || value.startsWith("@")) {
                throw HandOver.INSTANCE;
            }
            return value;
        }

        /** A file argument: "-" or a name that does not start with '-'. */
        String positional(String arg) {
            if (inline != null || arg.startsWith("-") && !arg.equals("-")) {
                throw HandOver.INSTANCE;
            }
            return arg;
        }

        /** Whether the option with this key was given. */
        boolean given(String key) {
            return seen.contains(key);
        }

        private void once(String name) {
            if (!seen.add(name)) {
                throw HandOver.INSTANCE;
            }
        }
    }

    /** The command's fields by path ("render.look.title"), each object on the way made as picocli makes it. */
    private static final class Fields {
        private Fields() {
        }

        static void set(Object command, String path, Object value) {
            int dot = path.lastIndexOf('.');
            Object owner = dot < 0 ? command : at(command, path.substring(0, dot));
            try {
                field(owner.getClass(), path.substring(dot + 1)).set(owner, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @SuppressWarnings("unchecked")
        static List<String> list(Object command, String path) {
            int dot = path.lastIndexOf('.');
            Object owner = dot < 0 ? command : at(command, path.substring(0, dot));
            Field f = field(owner.getClass(), path.substring(dot + 1));
            try {
                List<String> list = (List<String>) f.get(owner);
                if (list == null) {
                    list = new ArrayList<>();
                    f.set(owner, list);
                }
                return list;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        static Class<?> type(Object command, String path) {
            int dot = path.lastIndexOf('.');
            Object owner = dot < 0 ? command : at(command, path.substring(0, dot));
            return field(owner.getClass(), path.substring(dot + 1)).getType();
        }

        /** The object at {@code path}, made with its no-argument constructor when the field is still null. */
        static Object at(Object command, String path) {
            Object owner = command;
            int from = 0;
            while (from < path.length()) {
                int dot = path.indexOf('.', from);
                int to = dot < 0 ? path.length() : dot;
                Field f = field(owner.getClass(), path.substring(from, to));
                try {
                    Object next = f.get(owner);
                    if (next == null) {
                        var constructor = f.getType().getDeclaredConstructor();
                        constructor.setAccessible(true);
                        next = constructor.newInstance();
                        f.set(owner, next);
                    }
                    owner = next;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                from = to + 1;
            }
            return owner;
        }

        private static Field field(Class<?> type, String name) {
            try {
                Field f = type.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("the generated FastSyntaxTable is stale: " + type.getName() + " has no field " + name, e);
            }
        }
    }

    /** Thrown where picocli must read the arguments: unwinds the parse; no stack trace to fill. */
    private static final class HandOver extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final HandOver INSTANCE = new HandOver();

        private HandOver() {
            super(null, null, false, false);
        }
    }
}
