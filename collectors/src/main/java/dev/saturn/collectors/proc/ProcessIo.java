package dev.saturn.collectors.proc;

/** /proc/PID/io: the bytes a process caused to be read from and written to storage, so far. */
public record ProcessIo(long readBytes, long writeBytes) {
}
