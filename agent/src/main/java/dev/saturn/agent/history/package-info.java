/**
 * The agent's local history: one SQLite file in WAL mode ({@link dev.saturn.agent.history.HistoryDatabase}),
 * samples stored as values against a report's layout ({@link dev.saturn.agent.history.SampleCodec}), the
 * last minutes in a log beside it, written by one thread, read back as USE reports for `saturn history` and
 * /api/v1/history, kept within a retention and a disk budget, and guarded by a lock so that two agents
 * never share a data directory.
 */
package dev.saturn.agent.history;
