/**
 * Profiles the agent recorded, as files in its data directory: listing them, rendering one as a flame graph,
 * deleting the oldest beyond the budget.
 */
package dev.saturn.agent.profile;
