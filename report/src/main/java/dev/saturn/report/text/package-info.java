/**
 * The USE table for a person at a terminal.
 */
package dev.saturn.report.text;
