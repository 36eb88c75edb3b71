package dev.saturn.flamegraph.svg;

import dev.saturn.flamegraph.parse.folded.FoldedParser;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** A rendered SVG parsed back with the JDK's XML parser (so: well-formed or an exception), and its frames. */
record SvgDoc(byte[] bytes, Document doc, List<Box> frames) {
    private static final Pattern TITLE = Pattern.compile("^(.*) \\(([-0-9.,]+) (\\S+), ([0-9.]+)%(?:; ([-+0-9.]+)%)?(?:; vanished: .*)?\\)$", Pattern.DOTALL);

    /** One g.frame: its title parts, rect geometry and fill, label (empty when there is no text). */
    record Box(int index, String title, String name, double samples, double percent, Double delta, double x, double y,
            double width, double height, String fill, String label, Element g) {
        double right() {
            return x + width;
        }
    }

    static SvgDoc render(String folded) throws Exception {
        return render(folded, TreeOptions.defaults(), SvgOptions.defaults());
    }

    static SvgDoc render(String folded, TreeOptions tree, SvgOptions svg) throws Exception {
        return render(folded.getBytes(StandardCharsets.UTF_8), tree, svg);
    }

    static SvgDoc render(byte[] folded, TreeOptions tree, SvgOptions svg) throws Exception {
        return parse(bytes(folded, tree, svg));
    }

    static byte[] bytes(byte[] folded, TreeOptions tree, SvgOptions svg) throws IOException {
        FrameTree t = tree(folded, tree);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SvgRenderer.render(t, svg, out);
        return out.toByteArray();
    }

    static FrameTree tree(byte[] folded, TreeOptions options) throws IOException {
        FrameTreeBuilder b = new FrameTreeBuilder(options);
        FoldedParser.read(new ByteArrayInputStream(folded), b);
        return b.build();
    }

    static SvgDoc parse(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new ByteArrayInputStream(svg)));
        List<Box> boxes = new ArrayList<>();
        Element frames = doc.getElementById("frames");
        if (frames == null) {
            frames = byId(doc.getDocumentElement(), "frames");
        }
        int i = 0;
        for (Node n = frames.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element g) {
                Element title = first(g, "title");
                Element rect = first(g, "rect");
                Element text = first(g, "text");
                String t = title.getTextContent();
                Matcher m = TITLE.matcher(t);
                boolean ok = m.matches();
                boxes.add(new Box(i++, t, ok ? m.group(1) : t, ok ? Double.parseDouble(m.group(2).replace(",", "")) : Double.NaN,
                        ok ? Double.parseDouble(m.group(4)) : Double.NaN, ok && m.group(5) != null ? Double.valueOf(m.group(5)) : null,
                        d(rect, "x"), d(rect, "y"), d(rect, "width"), d(rect, "height"), rect.getAttribute("fill"),
                        text == null ? "" : text.getTextContent(), g));
            }
        }
        return new SvgDoc(svg, doc, boxes);
    }

    Element byId(String id) {
        return byId(doc.getDocumentElement(), id);
    }

    Box frame(String name) {
        return frames.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no frame " + name + " in " + names()));
    }

    List<Box> all(String name) {
        return frames.stream().filter(b -> b.name().equals(name)).toList();
    }

    List<String> names() {
        return frames.stream().map(Box::name).toList();
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Row of a frame counted from the root (0), by its y and the frame height the SVG declares. */
    int depth(Box b) {
        double h = Double.parseDouble(byId("frames").getAttribute("data-frameheight"));
        return (int) Math.round(Math.abs(b.y() - frames.get(0).y()) / h);
    }

    /** The nearest preceding frame one row closer to the root: the parent, by the pre-order contract. */
    Box parentOf(Box b) {
        int d = depth(b);
        for (int i = b.index() - 1; i >= 0; i--) {
            if (depth(frames.get(i)) == d - 1) {
                return frames.get(i);
            }
        }
        return null;
    }

    private static Element byId(Element e, String id) {
        if (id.equals(e.getAttribute("id"))) {
            return e;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                Element r = byId(c, id);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    private static Element first(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                if (c.getLocalName().equals(tag)) {
                    return c;
                }
                Element r = first(c, tag);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    private static double d(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }
}
