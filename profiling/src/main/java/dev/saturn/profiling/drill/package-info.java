/**
 * From a finding to its profile: which profile fits a saturated resource (CPU on every CPU, time off CPU of the
 * processes doing I/O, page faults of the processes growing), and the words that say which process and stack lead.
 */
package dev.saturn.profiling.drill;
