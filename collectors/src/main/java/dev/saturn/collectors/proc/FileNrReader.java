package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;

/** Reads /proc/sys/fs/file-nr: allocated, unused, max. */
public final class FileNrReader {
    private FileNrReader() {
    }

    public static Reading<FileNr> read(HostPaths paths) {
        return paths.files().parse(ProcFile.FILE_NR.in(paths), text -> {
            String[] f = Tokens.split(text);
            if (f.length != 3) {
                throw new IllegalArgumentException("expected 3 fields, found " + f.length);
            }
            return new FileNr(Tokens.counter(f[0]), Tokens.counter(f[1]), Tokens.counter(f[2]));
        });
    }
}
