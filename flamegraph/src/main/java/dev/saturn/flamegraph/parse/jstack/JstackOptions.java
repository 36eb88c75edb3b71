package dev.saturn.flamegraph.parse.jstack;

/**
 * How thread dumps become stacks; {@link #DEFAULTS} are stackcollapse-jstack.pl's defaults.
 *
 * @param threadNames the thread name as the root frame (`--include-tname`, default on)
 * @param threadNumbers keep a trailing `-N` of thread names, which is otherwise cut so that the
 *     threads of a pool merge, `pool-1-thread-3` into `pool-1-thread` (`--include-tid`, default off)
 * @param shortenPackages `java.util.concurrent.Foo.run` becomes `j.u.c.Foo.run` (default off)
 * @param allThreads every Java thread whatever its state, instead of only RUNNABLE threads that
 *     are not known to be idle (default off)
 */
public record JstackOptions(boolean threadNames, boolean threadNumbers, boolean shortenPackages, boolean allThreads) {
    public static final JstackOptions DEFAULTS = new JstackOptions(true, false, false, false);

    public JstackOptions withThreadNames(boolean on) {
        return new JstackOptions(on, threadNumbers, shortenPackages, allThreads);
    }

    public JstackOptions withThreadNumbers(boolean on) {
        return new JstackOptions(threadNames, on, shortenPackages, allThreads);
    }

    public JstackOptions withShortenPackages(boolean on) {
        return new JstackOptions(threadNames, threadNumbers, on, allThreads);
    }

    public JstackOptions withAllThreads(boolean on) {
        return new JstackOptions(threadNames, threadNumbers, shortenPackages, on);
    }
}
