package dev.saturn.collectors.fs;

/**
 * statvfs in bytes: total blocks, free blocks (root's reserve included), available to users; and inodes, total
 * and free, where one statvfs call gave them all (null from a snapshot tree's df.txt).
 */
public record Capacity(long totalBytes, long freeBytes, long availableBytes, Long files, Long filesFree) {

    public Capacity(long totalBytes, long freeBytes, long availableBytes) {
        this(totalBytes, freeBytes, availableBytes, null, null);
    }
}
