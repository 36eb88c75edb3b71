/**
 * `saturn agent` (options to an AgentConfig, then the agent runs until a signal) and `saturn history` (the
 * agent's stored reports over a window, as text, JSON or CSV).
 */
package dev.saturn.cli.agent;
