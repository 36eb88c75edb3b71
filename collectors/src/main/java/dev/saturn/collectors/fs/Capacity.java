package dev.saturn.collectors.fs;

/** statvfs in bytes: total blocks, free blocks (root's reserve included), available to users. */
public record Capacity(long totalBytes, long freeBytes, long availableBytes) {
}
