/**
 * The long-running agent: {@link dev.saturn.agent.Agent} starts and stops its parts (sampler, history, HTTP
 * server, triggers) from one {@link dev.saturn.agent.AgentConfig}. Everything the agent does sits in a
 * subpackage; this package only wires them.
 */
package dev.saturn.agent;
