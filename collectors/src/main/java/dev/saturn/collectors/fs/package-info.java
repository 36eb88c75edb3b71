/**
 * Mounted file systems and their capacity: statvfs(3) through JNA, on pooled threads, so that a hung
 * mount holds one thread and is not asked again until it answers, rather than stopping the sample.
 */
package dev.saturn.collectors.fs;
