package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFile;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;

/** Reads the system-wide limits: /proc/sys/fs/file-nr, kernel/pid_max, kernel/threads-max. */
public final class KernelLimitsReader {
    private KernelLimitsReader() {
    }

    public static Reading<FileNr> fileNr(HostPaths paths) {
        return KernelFile.parse(paths.proc("sys/fs/file-nr"), text -> {
            String[] f = Tokens.split(text);
            if (f.length != 3) {
                throw new IllegalArgumentException("expected 3 fields, found " + f.length);
            }
            return new FileNr(Tokens.counter(f[0]), Tokens.counter(f[1]), Tokens.counter(f[2]));
        });
    }

    public static Reading<Long> pidMax(HostPaths paths) {
        return KernelFile.readLong(paths.proc("sys/kernel/pid_max"));
    }

    public static Reading<Long> threadsMax(HostPaths paths) {
        return KernelFile.readLong(paths.proc("sys/kernel/threads-max"));
    }
}
