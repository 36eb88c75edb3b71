/**
 * `saturn jfr start|dump|stop` (JFR in a running JVM, through its diagnostic commands) and `saturn jfr
 * summary` (a recording in words).
 */
package dev.saturn.cli.jfr;
