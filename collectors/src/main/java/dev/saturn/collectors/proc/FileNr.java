package dev.saturn.collectors.proc;

/** /proc/sys/fs/file-nr: allocated file handles, allocated but unused, and the system maximum. */
public record FileNr(long allocated, long unused, long max) {
}
