package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Tokens;

/**
 * The page size /proc/PID/stat's rss counts in, from this process's own size in pages (statm) and in kB (status
 * VmSize); 4096 where that cannot be told.
 */
final class PageSize {
    private static final long DEFAULT = 4096;

    private PageSize() {
    }

    static long of(HostPaths paths) {
        try {
            long pages = Long.parseLong(Tokens.split(paths.files().read(paths.proc("self/statm")).get())[0]);
            long kb = ProcessDetailReader.statusKb(paths.files().read(paths.proc("self/status")).get(), "VmSize:");
            if (pages <= 0 || kb <= 0) {
                return DEFAULT;
            }
            long size = Long.highestOneBit(Math.round(kb * 1024.0 / pages) + 1);
            return size >= 4096 ? size : DEFAULT;
        } catch (RuntimeException e) {
            return DEFAULT;
        }
    }
}
