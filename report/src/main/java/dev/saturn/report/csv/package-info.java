/**
 * The USE report as CSV, one line per cell.
 */
package dev.saturn.report.csv;
