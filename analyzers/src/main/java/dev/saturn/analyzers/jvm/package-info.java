/**
 * The analysis of a JFR recording for `saturn jfr summary`: hot methods, GC totals, contended monitors and
 * parks.
 */
package dev.saturn.analyzers.jvm;
