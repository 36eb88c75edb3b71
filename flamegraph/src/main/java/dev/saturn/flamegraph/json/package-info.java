/**
 * A frame tree as d3-flame-graph's JSON.
 */
package dev.saturn.flamegraph.json;
