/**
 * The USE method: from two snapshots to a {@link dev.saturn.analyzers.use.UseReport}, a row per resource with
 * its utilization, saturation and errors cells, each with its status against {@link
 * dev.saturn.analyzers.use.Thresholds} or unavailable with the reason, and the findings in words, worst
 * first. Pure functions of the snapshots: nothing here reads a file.
 */
package dev.saturn.analyzers.use;
