package dev.saturn.agent.history;

/**
 * How --max-size is shared in the data directory, so that everything the agent writes there stays
 * within it: the stored profiles' share, the WAL (checkpointed into the database and truncated when it
 * reaches {@code wal}), the log of samples not yet committed ({@code history.db-recent}, committed when it
 * reaches {@code recent}), the WAL index ({@code history.db-shm}, {@value #SHM_BYTES} bytes for a WAL of
 * up to 4096 pages) and the database, which gets the rest.
 */
public record DiskBudget(long database, long wal, long recent, long profiles) {
    static final long SHM_BYTES = 32 << 10;
    static final long MIN_WAL = 64 << 10;
    static final long MAX_WAL = 4 << 20;
    static final long MIN_RECENT = 16 << 10;
    static final long MAX_RECENT = 512 << 10;

    /** {@code maxSize} for the whole directory, of which {@code profiles} for the stored profiles. */
    public static DiskBudget of(long maxSize, long profiles) {
        long wal = Math.max(MIN_WAL, Math.min(MAX_WAL, maxSize / 16));
        long recent = Math.max(MIN_RECENT, Math.min(MAX_RECENT, maxSize / 32));
        // the log's share thrice: the log itself, a commit of it landing in the database before the trim, and the
        // same commit in the WAL past its checkpoint
        long database = maxSize - profiles - wal - 3 * recent - SHM_BYTES;
        if (database < maxSize / 2) {
            throw new IllegalArgumentException("a max size of " + maxSize + " bytes leaves too little for the history");
        }
        return new DiskBudget(database, wal, recent, profiles);
    }

    /** The profiles' share of --max-size: a tenth, or less when the profiles are given less. */
    public static long profileShare(long maxSize, long profilesMax) {
        return Math.min(maxSize / 10, profilesMax);
    }
}
