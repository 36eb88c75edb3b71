/**
 * The agent's log lines (stderr, one line per event, journald-friendly): a leaf package every other part of
 * the agent writes through.
 */
package dev.saturn.agent.log;
