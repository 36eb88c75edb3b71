/**
 * How reports are written: one {@link dev.saturn.report.ReportWriter} per format, named by its media type.
 */
package dev.saturn.report;
