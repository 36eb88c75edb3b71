/**
 * The USE report as the JSON of docs/json.md, written with jackson-core's streaming generator (no databind at
 * run time: it costs start-up).
 */
package dev.saturn.report.json;
