package dev.saturn.flamegraph.folded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unique stacks and their summed weights; memory grows with the unique stacks, not the input.
 * Written out as folded lines sorted by byte order, as stackcollapse-*.pl print them. Stacks are
 * Strings of ISO-8859-1 chars, one char per input byte, so sorting and writing keep the bytes.
 */
public final class FoldedStacks implements StackSink {
    private final Map<String, long[]> weights = new HashMap<>();

    @Override
    public void accept(String stack, long weight) {
        long[] w = weights.get(stack);
        if (w == null) {
            weights.put(stack, new long[] {weight});
        } else {
            w[0] += weight;
        }
    }

    public int size() {
        return weights.size();
    }

    public void writeTo(OutputStream out) throws IOException {
        List<String> stacks = new ArrayList<>(weights.keySet());
        stacks.sort(null);
        StringBuilder b = new StringBuilder(1 << 16);
        for (String stack : stacks) {
            b.append(stack).append(' ').append(weights.get(stack)[0]).append('\n');
            if (b.length() > 1 << 15) {
                out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
                b.setLength(0);
            }
        }
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
