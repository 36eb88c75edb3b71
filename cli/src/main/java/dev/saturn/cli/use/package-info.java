/**
 * `saturn use` (the USE checklist of this host, a snapshot tree or a pair of them) and `saturn snapshot` (the
 * kernel files of the checklist, as a tree to analyze elsewhere).
 */
package dev.saturn.cli.use;
