/**
 * The Prometheus text exposition (format 0.0.4): the USE gauges, node_exporter's families where the quantity
 * is the same, saturn's own counters; formatted into bytes once per sample.
 */
package dev.saturn.report.prometheus;
