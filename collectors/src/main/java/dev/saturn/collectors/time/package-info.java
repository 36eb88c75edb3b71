/**
 * Durations and points in time as people type them, the one grammar of every option, config key and HTTP
 * parameter. A leaf: it depends on the JDK only.
 */
package dev.saturn.collectors.time;
