package dev.saturn.flamegraph.svg;

import dev.saturn.flamegraph.tree.FrameType;

/**
 * async-profiler's flame graph colours by frame type: a base colour per type and how far each channel
 * may rise above it, by one value in [0, 1). async-profiler draws that value at random for each frame;
 * here it comes from the name (see {@link FrameColors}), so a function keeps its shade.
 *
 * <pre>
 * interpreted  #b2e1b2 + (20,20,20)  pale green      JIT compiled  #50e150 + (30,30,30)  green
 * inlined      #50cccc + (30,30,30)  aqua            native        #e15a5a + (30,40,40)  red
 * C++          #c8c83c + (30,30,10)  yellow          kernel        #e17d00 + (30,30,0)   orange
 * C1 compiled  #cce880 + (20,20,20)  yellow-green
 * </pre>
 */
final class FrameTypeColors {
    private FrameTypeColors() {
    }

    static String rgb(FrameType type, double v) {
        return switch (type) {
            case INTERPRETED -> rgb(0xb2e1b2, 20, 20, 20, v);
            case JIT_COMPILED -> rgb(0x50e150, 30, 30, 30, v);
            case INLINED -> rgb(0x50cccc, 30, 30, 30, v);
            case NATIVE -> rgb(0xe15a5a, 30, 40, 40, v);
            case CPP -> rgb(0xc8c83c, 30, 30, 10, v);
            case KERNEL -> rgb(0xe17d00, 30, 30, 0, v);
            case C1_COMPILED -> rgb(0xcce880, 20, 20, 20, v);
        };
    }

    private static String rgb(int base, int dr, int dg, int db, double v) {
        return Palette.rgb((base >> 16) + (int) (dr * v), (base >> 8 & 0xff) + (int) (dg * v), (base & 0xff) + (int) (db * v));
    }
}
