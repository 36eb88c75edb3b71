/**
 * A frame tree as one self-contained HTML page drawn on a canvas: the tree serialized compactly
 * (a front-coded name table, frames in pre-order as variable-length numbers), the page's script and
 * style from src/main/js. For profiles of any size; the SVG (flamegraph.svg) stays flamegraph.pl's.
 */
package dev.saturn.flamegraph.html;
