package dev.saturn.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.tree.TreeOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FlamegraphScriptTest {
    @Test
    void scriptIsEmbeddedWholeInOneCdataSection() throws Exception {
        String script = FlamegraphScript.TEXT;
        assertFalse(script.contains("]]>"), "the CDATA end would cut the script short");
        assertTrue(script.startsWith("/*") && script.endsWith("})();\n"), "the whole script, not a part of it");
        String svg = new String(SvgDoc.bytes("main;foo 1\n".getBytes(StandardCharsets.UTF_8), TreeOptions.defaults(),
                SvgOptions.builder().build()), StandardCharsets.UTF_8);
        String open = "<script type=\"text/ecmascript\"><![CDATA[\n";
        int start = svg.indexOf(open) + open.length();
        int end = svg.indexOf("]]></script>");
        assertEquals(script, svg.substring(start, end));
    }

    @Test
    void theConstantIsTheScriptSourceCharForChar() throws Exception {
        assertEquals(Files.readString(Path.of("src/main/js/flamegraph.js"), StandardCharsets.UTF_8), FlamegraphScript.TEXT,
                "the build step turns src/main/js/flamegraph.js into FlamegraphScript.TEXT");
    }

    @Test
    void backslashesSurviveTheBuildStep() {
        // a regular expression of the search code, as the browser must receive it
        assertTrue(FlamegraphScript.TEXT.contains("/^\\d+$/.test(p.z)"));
        assertTrue(FlamegraphScript.TEXT.contains("new RegExp(\"^([\\\\s\\\\S]*) \\\\(([-0-9.,]+) \""));
    }

    @Test
    void fontWidthIsWrittenAsDoubleToStringWritesIt() {
        for (double w : new double[] {0.59, 0.5, 0.6, 1, 0.589999, 1e-5}) {
            assertEquals(Double.toString(w), SvgRenderer.fontWidth(w));
        }
    }
}
