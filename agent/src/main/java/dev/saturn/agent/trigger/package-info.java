/**
 * Profiles recorded by the agent itself when a problem starts: conditions on USE cells, the watch that fires
 * them (with a gap between profiles), and the recording of the process that matters.
 */
package dev.saturn.agent.trigger;
