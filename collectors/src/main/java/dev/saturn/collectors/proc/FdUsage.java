package dev.saturn.collectors.proc;

/**
 * A process's open file descriptors, its own soft RLIMIT_NOFILE (null: unlimited) and the inodes of its sockets.
 */
public record FdUsage(int open, Long softLimit, long[] socketInodes) {
    public FdUsage {
        socketInodes = socketInodes.clone();
    }

    @Override
    public long[] socketInodes() {
        return socketInodes.clone();
    }

    public int sockets() {
        return socketInodes.length;
    }

    public long socketInode(int i) {
        return socketInodes[i];
    }
}
