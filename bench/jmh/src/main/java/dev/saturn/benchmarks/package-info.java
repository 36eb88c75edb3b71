/**
 * JMH benchmarks of the hot paths (a snapshot, the agent's sample and page, collapse, render); the bench
 * scripts in bench/ compare whole commands with their reference tools.
 */
package dev.saturn.benchmarks;
