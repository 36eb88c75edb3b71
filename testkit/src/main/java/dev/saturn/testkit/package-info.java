/**
 * Test support for every module: what a test needs to run (a tool, root, shared data) and how it waits
 * (polling with a deadline, CPU time of a target), never shipped.
 */
package dev.saturn.testkit;
