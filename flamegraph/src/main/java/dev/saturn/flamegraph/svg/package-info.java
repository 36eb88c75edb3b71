/**
 * The flame graph as SVG, frame for frame as flamegraph.pl draws it: palettes, colours, the layout, and the
 * browser script (flamegraph/src/main/js/flamegraph.js, made a constant at build time) that searches and
 * zooms.
 */
package dev.saturn.flamegraph.svg;
