package dev.saturn.flamegraph.folded;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * difffolded.pl's semantics: every stack of either profile as {@code stack COUNT1 COUNT2} (0 where a
 * profile lacks it), for {@code saturn flamegraph} to draw as a differential. Lines are sorted by
 * byte order so that the output is deterministic (difffolded.pl prints in hash order).
 */
public final class FoldedDiff {
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");

    private FoldedDiff() {
    }

    /** difffolded.pl -s: every hex number becomes {@code 0x...}, so that addresses merge. */
    public static UnaryOperator<String> stripHex() {
        return s -> s.indexOf("0x") < 0 ? s : HEX.matcher(s).replaceAll("0x...");
    }

    /**
     * Writes the diff. With {@code normalize} (difffolded.pl -n) and different totals, each first count
     * becomes {@code int(count1 * total2 / total1)}, so that both columns sum to about the same.
     */
    public static void write(FoldedProfile before, FoldedProfile after, boolean normalize, OutputStream out) throws IOException {
        Set<String> union = new LinkedHashSet<>(before.stacks());
        union.addAll(after.stacks());
        List<String> stacks = new ArrayList<>(union);
        stacks.sort(null);
        double total1 = before.total();
        double total2 = after.total();
        boolean scale = normalize && total1 != total2 && total1 != 0;
        StringBuilder b = new StringBuilder(1 << 16);
        for (String stack : stacks) {
            double c1 = before.count(stack);
            if (scale) {
                c1 = (double) (long) (c1 * total2 / total1);
            }
            b.append(stack).append(' ').append(perlNumber(c1)).append(' ').append(perlNumber(after.count(stack))).append('\n');
            if (b.length() > 1 << 15) {
                out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
                b.setLength(0);
            }
        }
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A number as Perl prints it: integers plainly (Perl keeps integer sums exact), others with up to 15 significant digits. */
    static String perlNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p63) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros().toPlainString();
    }
}
