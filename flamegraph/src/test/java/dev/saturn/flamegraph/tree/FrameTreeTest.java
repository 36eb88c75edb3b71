package dev.saturn.flamegraph.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.parse.folded.FoldedParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FrameTreeTest {
    static FrameTree tree(String folded, TreeOptions options) throws IOException {
        FrameTreeBuilder b = new FrameTreeBuilder(options);
        FoldedParser.read(new ByteArrayInputStream(folded.getBytes(StandardCharsets.ISO_8859_1)), b);
        return b.build();
    }

    static FrameTree tree(String folded) throws IOException {
        return tree(folded, TreeOptions.defaults());
    }

    static FrameTree filtered(String folded, StackFilter.Builder filter) throws IOException {
        return tree(folded, new TreeOptions(SiblingOrder.NAME, filter.build(), true));
    }

    /** "name(count)[children]" in drawing order, gaps left out. */
    static String shape(Frame f) {
        StringBuilder b = new StringBuilder(f.name().text()).append('(').append(num(f.after())).append(')');
        List<String> kids = new ArrayList<>();
        for (int i = 0; i < f.childCount(); i++) {
            if (!f.child(i).isSelfGap()) {
                kids.add(shape(f.child(i)));
            }
        }
        if (!kids.isEmpty()) {
            b.append(kids);
        }
        return b.toString();
    }

    static String shape(FrameTree t) {
        return shape(t.root());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Test
    void mergesStacksIntoInclusiveCounts() throws IOException {
        FrameTree t = tree("main;foo;bar 5\nmain;foo 2\nmain;baz 3\nmain;foo;bar 1\n");
        assertEquals("all(11)[main(11)[baz(3), foo(8)[bar(6)]]]", shape(t));
        assertEquals(3, t.maxDepth());
        assertEquals(5, t.size());
        Frame foo = t.root().child(0).child(1);
        assertEquals(2, foo.selfAfter());
        assertEquals(2, foo.depth());
        assertEquals("main", foo.parent().name().text());
        assertFalse(t.differential());
    }

    @Test
    void emptyFramesAreKeptExceptATrailingOne() throws IOException {
        assertEquals("all(3)[a(3)[(1)[b(1)], b(2)]]", shape(tree("a;;b 1\na;b; 2\n")));
    }

    @Test
    void siblingsFollowTheByteOrderOfFlamegraphPlsSortedLines() throws IOException {
        // "foo " (foo has self time) sorts before "foo.bar", and "foo;" (no self time) after it.
        assertEquals("all(3)[Foo(1), foo(1), foo.bar(1)]", shape(tree("foo.bar 1\nfoo 1\nFoo 1\n")));
        assertEquals("all(2)[foo.bar(1), foo(1)[x(1)]]", shape(tree("foo;x 1\nfoo.bar 1\n")));
        assertEquals("all(2)[z(1), \u00e9(1)]", shape(tree("\u00e9 1\nz 1\n")), "unsigned bytes: non-ASCII after ASCII");
    }

    @Test
    void weightOrderPutsHeavySiblingsFirst() throws IOException {
        FrameTree t = tree("m;a 1\nm;b 5\nm;c 3\nm;d 3\n", new TreeOptions(SiblingOrder.WEIGHT, StackFilter.NONE, true));
        assertEquals("all(12)[m(12)[b(5), c(3), d(3), a(1)]]", shape(t));
    }

    @Test
    void flameChartMergesOnlyConsecutiveStacks() throws IOException {
        FrameTree t = tree("a;b 1\na 1\na;b 1\nc 2\na 3\n", new TreeOptions(SiblingOrder.INPUT, StackFilter.NONE, true));
        assertEquals("all(8)[a(3)[b(1), b(1)], c(2), a(3)]", shape(t));
    }

    @Test
    void includeAndExcludeSelectStacksByFrame() throws IOException {
        String folded = "main;read;sys_read 4\nmain;write;sys_write 3\nidle;swapper 10\n";
        assertEquals("all(7)[main(7)[read(4)[sys_read(4)], write(3)[sys_write(3)]]]",
                shape(filtered(folded, StackFilter.builder().exclude(Pattern.compile("swapper")))));
        assertEquals("all(4)[main(4)[read(4)[sys_read(4)]]]",
                shape(filtered(folded, StackFilter.builder().include(Pattern.compile("^sys_r")))));
        assertEquals("all(7)[main(7)[read(4)[sys_read(4)], write(3)[sys_write(3)]]]",
                shape(filtered(folded, StackFilter.builder().include(Pattern.compile("read")).include(Pattern.compile("write")))));
    }

    @Test
    void stackScopeMatchesTheWholeStack() throws IOException {
        String folded = "main;read;sys_read 4\nmain;other;read 3\n";
        assertEquals("all(4)[main(4)[read(4)[sys_read(4)]]]",
                shape(filtered(folded, StackFilter.builder().scope(StackFilter.Scope.STACK).include(Pattern.compile("main;read;")))));
    }

    @Test
    void callersShowEveryPathToTheFunctionWithItAsTheLeaf() throws IOException {
        String folded = "main;a;malloc;brk 3\nmain;b;malloc 2\nmain;b;free 7\nmain;malloc;x;malloc;y 1\n";
        assertEquals("all(6)[main(6)[a(3)[malloc(3)], b(2)[malloc(2)], malloc(1)[x(1)[malloc(1)]]]]",
                shape(filtered(folded, StackFilter.builder().callers(Pattern.compile("^malloc$")))));
        assertEquals("all(6)[malloc(6)[a(3)[main(3)], b(2)[main(2)], x(1)[malloc(1)[main(1)]]]]",
                shape(filtered(folded, StackFilter.builder().callers(Pattern.compile("^malloc$")).reverse(true))),
                "reversed: a caller graph rooted at the function");
    }

    @Test
    void calleesRootTheGraphAtTheFunction() throws IOException {
        String folded = "main;a;malloc;brk 3\nmain;b;malloc 2\nmain;b;free 7\n";
        assertEquals("all(5)[malloc(5)[brk(3)]]", shape(filtered(folded, StackFilter.builder().callees(Pattern.compile("malloc")))));
    }

    @Test
    void collapseRecursionMergesRunsOfTheSameFrame() throws IOException {
        assertEquals("all(3)[main(3)[fib(3)[print(1)]]]",
                shape(filtered("main;fib;fib;fib 2\nmain;fib;print 1\n", StackFilter.builder().collapseRecursion(true))));
    }

    @Test
    void differentialKeepsBothColumnsAndWhatVanished() throws IOException {
        FrameTree t = tree("m;a 10 20\nm;gone 5 0\nm;new 0 5\n", new TreeOptions(SiblingOrder.NAME, StackFilter.NONE, true));
        assertTrue(t.differential());
        assertEquals(15, t.totalBefore());
        assertEquals(25, t.totalAfter());
        assertEquals(25.0 / 15, t.scale(), 1e-12);
        Frame m = t.root().child(0);
        Frame gone = m.child(1);
        assertEquals("gone", gone.name().text());
        assertEquals(0, gone.after());
        assertEquals(0, t.width(gone), "no width: the width is the second column, as in flamegraph.pl");
        assertTrue(t.vanished(gone));
        assertFalse(t.vanished(m.child(2)), "new");
        assertEquals(-5 * 25.0 / 15, t.delta(gone), 1e-9);
        assertEquals(25, t.width(m), 1e-9);
        assertEquals(0, t.delta(m), 1e-9, "normalized: the totals match");
        assertEquals(5 * 25.0 / 15, t.maxAbsDelta(), 1e-9);
        FrameTree raw = tree("m;a 10 20\n", new TreeOptions(SiblingOrder.NAME, StackFilter.NONE, false));
        assertEquals(1, raw.scale());
        assertEquals(10, raw.delta(raw.root().child(0)));
    }

    @Test
    void stackSinkAdapterTakesTheParsersStrings() {
        FrameTreeBuilder b = new FrameTreeBuilder(TreeOptions.defaults());
        b.accept("java;main;run", 3);
        b.accept("java;main", 1);
        assertEquals("all(4)[java(4)[main(4)[run(3)]]]", shape(b.build()));
    }

    @Test
    void randomStacksGiveTheSameCountsAsANaiveMerge() throws IOException {
        Random r = new Random(11);
        String[] names = {"a", "b", "ab", "a;b".substring(0, 1), "", "long_name_here", "x y", "\u00e9"};
        for (int round = 0; round < 20; round++) {
            StringBuilder text = new StringBuilder();
            Map<List<String>, Double> naive = new HashMap<>();
            List<String> prev = List.of();
            for (int i = 0; i < 300; i++) {
                List<String> s = new ArrayList<>(r.nextBoolean() ? prev : List.of());
                while (s.size() > 0 && r.nextInt(3) == 0) {
                    s.remove(s.size() - 1);
                }
                int add = r.nextInt(5);
                for (int k = 0; k < add; k++) {
                    s.add(names[r.nextInt(names.length)]);
                }
                int count = 1 + r.nextInt(9);
                text.append(String.join(";", s)).append(' ').append(count).append('\n');
                List<String> frames = new ArrayList<>(s);
                while (!frames.isEmpty() && frames.get(frames.size() - 1).isEmpty()) {
                    frames.remove(frames.size() - 1);
                }
                for (int d = 0; d <= frames.size(); d++) {
                    naive.merge(frames.subList(0, d), (double) count, Double::sum);
                }
                prev = s;
            }
            FrameTree t = tree(text.toString());
            Map<List<String>, Double> ours = new HashMap<>();
            collect(t.root(), new ArrayList<>(), ours);
            assertEquals(new TreeMap<>(stringKeys(naive)), new TreeMap<>(stringKeys(ours)), "round " + round);
        }
    }

    @Test
    void randomStacksInAFlameChartMatchFlamegraphPlsFlow() throws IOException {
        Random r = new Random(5);
        String[] names = {"a", "b", "c", ""};
        for (int round = 0; round < 20; round++) {
            StringBuilder text = new StringBuilder();
            List<String[]> lines = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String[] s = new String[r.nextInt(5)];
                for (int k = 0; k < s.length; k++) {
                    s[k] = names[r.nextInt(names.length)];
                }
                int count = 1 + r.nextInt(3);
                text.append(String.join(";", s)).append(' ').append(count).append('\n');
                lines.add(s);
                lines.add(new String[] {Integer.toString(count)});
            }
            List<String> expected = flow(lines);
            List<String> ours = new ArrayList<>();
            FrameTree t = tree(text.toString(), new TreeOptions(SiblingOrder.INPUT, StackFilter.NONE, true));
            place(t, t.root(), 0, ours);
            expected.sort(null);
            ours.sort(null);
            assertEquals(expected, ours, "round " + round);
        }
    }

    @Test
    void differentialWidthsAreTheSecondColumnAsInFlamegraphPlsFlow() throws IOException {
        Random r = new Random(9);
        String[] names = {"a", "b", "c", ""};
        for (int round = 0; round < 20; round++) {
            List<String> text = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String[] s = new String[1 + r.nextInt(4)];
                for (int k = 0; k < s.length; k++) {
                    s[k] = names[r.nextInt(names.length)];
                }
                int before = r.nextInt(3) == 0 ? 0 : r.nextInt(9);
                int after = r.nextInt(3) == 0 ? 0 : r.nextInt(9);
                text.add(String.join(";", s) + " " + before + " " + after);
            }
            text.sort(null);  // flamegraph.pl sorts the lines, then advances time by the second column
            List<String[]> lines = new ArrayList<>();
            for (String line : text) {
                String[] parts = line.split(" ");
                lines.add(parts[0].split(";", -1));
                lines.add(new String[] {parts[2]});
            }
            List<String> expected = new ArrayList<>(flow(lines));
            expected.removeIf(FrameTreeTest::zeroWidth);
            List<String> ours = new ArrayList<>();
            FrameTree t = tree(String.join("\n", text) + "\n");
            place(t, t.root(), 0, ours);
            ours.removeIf(FrameTreeTest::zeroWidth);
            expected.sort(null);
            ours.sort(null);
            assertEquals(expected, ours, "round " + round);
        }
    }

    private static boolean zeroWidth(String frame) {
        String[] f = frame.split(" ");
        return f[f.length - 1].equals(f[f.length - 2]);
    }

    /** flamegraph.pl's flow(), re-derived: frames as "depth name start end" in time units. */
    private static List<String> flow(List<String[]> lines) {
        List<String> out = new ArrayList<>();
        List<String> last = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int time = 0;
        for (int i = 0; i < lines.size(); i += 2) {
            List<String> s = new ArrayList<>(Arrays.asList(lines.get(i)));
            while (!s.isEmpty() && s.get(s.size() - 1).isEmpty()) {
                s.remove(s.size() - 1);
            }
            int same = 0;
            while (same < last.size() && same < s.size() && last.get(same).equals(s.get(same))) {
                same++;
            }
            for (int d = last.size() - 1; d >= same; d--) {
                out.add((d + 1) + " " + last.get(d) + " " + starts.get(d) + " " + time);
                last.remove(d);
                starts.remove(d);
            }
            for (int d = same; d < s.size(); d++) {
                last.add(s.get(d));
                starts.add(time);
            }
            time += Integer.parseInt(lines.get(i + 1)[0]);
        }
        for (int d = last.size() - 1; d >= 0; d--) {
            out.add((d + 1) + " " + last.get(d) + " " + starts.get(d) + " " + time);
        }
        return out;
    }

    private static void place(FrameTree t, Frame f, double start, List<String> out) {
        if (f.depth() > 0 && !f.isSelfGap()) {
            out.add(f.depth() + " " + f.name().text() + " " + (long) start + " " + (long) (start + t.width(f)));
        }
        double sum = 0;
        for (int i = 0; i < f.childCount(); i++) {
            sum += t.width(f.child(i));
        }
        double x = start + t.width(f) - sum;
        for (int i = 0; i < f.childCount(); i++) {
            place(t, f.child(i), x, out);
            x += t.width(f.child(i));
        }
    }

    private static void collect(Frame f, List<String> path, Map<List<String>, Double> out) {
        out.merge(List.copyOf(path), f.after(), Double::sum);
        for (int i = 0; i < f.childCount(); i++) {
            path.add(f.child(i).name().raw());
            collect(f.child(i), path, out);
            path.remove(path.size() - 1);
        }
    }

    private static Map<String, Double> stringKeys(Map<List<String>, Double> m) {
        Map<String, Double> out = new HashMap<>();
        m.forEach((k, v) -> out.put(String.join("\u0001", k) + "#" + k.size(), v));
        return out;
    }
}
