package dev.saturn.collectors.proc;

/** One TCP socket of /proc/net/tcp or tcp6: its inode, state (hex as the kernel writes it) and queues in bytes. */
public record SocketQueue(long inode, int state, long sendQueue, long receiveQueue) {
}
