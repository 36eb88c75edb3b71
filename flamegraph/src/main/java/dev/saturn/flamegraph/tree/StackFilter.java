package dev.saturn.flamegraph.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What happens to each stack before it joins the tree, in this order:
 * <ol>
 * <li>selection: kept when a frame matches an include pattern (if any is given) and no frame matches an
 *     exclude pattern; with {@link Scope#STACK} the patterns match the whole stack, {@code a;b;c};</li>
 * <li>{@code callers REGEX}: cut after the deepest matching frame, so that the graph shows every path
 *     that leads to the function, merged, with the function as the leaf (dropped when nothing matches);</li>
 * <li>{@code callees REGEX}: cut before the outermost matching frame, so that the function is the root;</li>
 * <li>collapse recursion: a run of the same frame ({@code f;f;f}) becomes one;</li>
 * <li>reverse: leaf first, as flamegraph.pl --reverse (with callers: the function becomes the root and
 *     its callers grow upwards, a caller graph).</li>
 * </ol>
 * Patterns are Java regular expressions searched in {@link Name#text()} (a partial match is enough);
 * each pattern is tried once per distinct name.
 */
public final class StackFilter {
    public static final StackFilter NONE = builder().build();

    /** What include and exclude patterns are matched against. */
    public enum Scope {
        FRAME, STACK
    }

    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final Scope scope;
    private final Pattern callers;
    private final Pattern callees;
    private final boolean collapseRecursion;
    private final boolean reverse;

    private StackFilter(Builder b) {
        include = List.copyOf(b.include);
        exclude = List.copyOf(b.exclude);
        scope = b.scope;
        callers = b.callers;
        callees = b.callees;
        collapseRecursion = b.collapseRecursion;
        reverse = b.reverse;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A filter that changes nothing: the tree builder then skips the copy of each stack. */
    public boolean isIdentity() {
        return include.isEmpty() && exclude.isEmpty() && callers == null && callees == null && !collapseRecursion && !reverse;
    }

    /** The filter with its own per-name caches, for one tree (name ids are per tree). */
    Bound bind() {
        return new Bound();
    }

    final class Bound {
        private final Matcher[] include = StackFilter.this.include.stream().map(Matcher::new).toArray(Matcher[]::new);
        private final Matcher[] exclude = StackFilter.this.exclude.stream().map(Matcher::new).toArray(Matcher[]::new);
        private final Matcher callers = StackFilter.this.callers == null ? null : new Matcher(StackFilter.this.callers);
        private final Matcher callees = StackFilter.this.callees == null ? null : new Matcher(StackFilter.this.callees);

        /** Rewrites {@code frames[0, n)} in place; returns the new length, or -1 to drop the stack. */
        int apply(Name[] frames, int n) {
            if (include.length > 0 || exclude.length > 0) {
                if (scope == Scope.FRAME) {
                    if (include.length > 0 && !anyFrame(include, frames, n)) {
                        return -1;
                    }
                    if (anyFrame(exclude, frames, n)) {
                        return -1;
                    }
                } else {
                    String stack = join(frames, n);
                    if (include.length > 0 && !anyStack(include, stack)) {
                        return -1;
                    }
                    if (anyStack(exclude, stack)) {
                        return -1;
                    }
                }
            }
            if (callers != null) {
                int last = -1;
                for (int i = n - 1; i >= 0; i--) {
                    if (callers.matches(frames[i])) {
                        last = i;
                        break;
                    }
                }
                if (last < 0) {
                    return -1;
                }
                n = last + 1;
            }
            if (callees != null) {
                int first = -1;
                for (int i = 0; i < n; i++) {
                    if (callees.matches(frames[i])) {
                        first = i;
                        break;
                    }
                }
                if (first < 0) {
                    return -1;
                }
                System.arraycopy(frames, first, frames, 0, n - first);
                n -= first;
            }
            if (collapseRecursion && n > 1) {
                int w = 1;
                for (int r = 1; r < n; r++) {
                    if (frames[r] != frames[w - 1]) {
                        frames[w++] = frames[r];
                    }
                }
                n = w;
            }
            if (reverse) {
                for (int i = 0, j = n - 1; i < j; i++, j--) {
                    Name t = frames[i];
                    frames[i] = frames[j];
                    frames[j] = t;
                }
            }
            return n;
        }

        private static boolean anyFrame(Matcher[] patterns, Name[] frames, int n) {
            for (Matcher m : patterns) {
                for (int i = 0; i < n; i++) {
                    if (m.matches(frames[i])) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean anyStack(Matcher[] patterns, String stack) {
            for (Matcher m : patterns) {
                if (m.pattern.matcher(stack).find()) {
                    return true;
                }
            }
            return false;
        }

        private static String join(Name[] frames, int n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append(';');
                }
                b.append(frames[i].text());
            }
            return b.toString();
        }
    }

    /** A pattern with its verdict cached per name id: 0 unknown, 1 no, 2 yes. */
    private static final class Matcher {
        private final Pattern pattern;
        private byte[] verdicts = new byte[256];

        Matcher(Pattern pattern) {
            this.pattern = pattern;
        }

        boolean matches(Name name) {
            int id = name.id();
            if (id < 0) {
                return false;
            }
            if (id >= verdicts.length) {
                verdicts = Arrays.copyOf(verdicts, Math.max(id + 1, verdicts.length * 2));
            }
            byte v = verdicts[id];
            if (v == 0) {
                v = pattern.matcher(name.text()).find() ? (byte) 2 : (byte) 1;
                verdicts[id] = v;
            }
            return v == 2;
        }
    }

    public static final class Builder {
        private final List<Pattern> include = new ArrayList<>();
        private final List<Pattern> exclude = new ArrayList<>();
        private Scope scope = Scope.FRAME;
        private Pattern callers;
        private Pattern callees;
        private boolean collapseRecursion;
        private boolean reverse;

        private Builder() {
        }

        public Builder include(Pattern p) {
            include.add(p);
            return this;
        }

        public Builder exclude(Pattern p) {
            exclude.add(p);
            return this;
        }

        public Builder scope(Scope s) {
            scope = s;
            return this;
        }

        public Builder callers(Pattern p) {
            callers = p;
            return this;
        }

        public Builder callees(Pattern p) {
            callees = p;
            return this;
        }

        public Builder collapseRecursion(boolean on) {
            collapseRecursion = on;
            return this;
        }

        public Builder reverse(boolean on) {
            reverse = on;
            return this;
        }

        public StackFilter build() {
            return new StackFilter(this);
        }
    }
}
