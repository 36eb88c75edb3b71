/**
 * Reading JFR recordings with jdk.jfr.consumer, chunk by chunk, tolerating a truncated last chunk.
 */
package dev.saturn.collectors.jfr;
