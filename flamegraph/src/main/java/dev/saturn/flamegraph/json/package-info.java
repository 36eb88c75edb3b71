/**
 * A frame tree as JSON: d3-flame-graph's nested {name, value, children} ({@link dev.saturn.flamegraph.json.D3JsonWriter})
 * and speedscope's file format ({@link dev.saturn.flamegraph.json.SpeedscopeWriter}).
 */
package dev.saturn.flamegraph.json;
