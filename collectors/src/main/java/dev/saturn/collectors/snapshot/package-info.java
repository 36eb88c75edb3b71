/**
 * A snapshot: every kernel file of the checklist read at one instant, live or from a snapshot tree on disk
 * ({@link dev.saturn.collectors.snapshot.SnapshotWriter} writes the tree `saturn snapshot` makes), and the
 * pair of snapshots an interval is.
 */
package dev.saturn.collectors.snapshot;
