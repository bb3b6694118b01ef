package dev.shadowdev.bench.e2e;

/** A mounted filesystem the load generator measures: shadowdev's devfs or the C baseline, each its own process. */
interface Target extends AutoCloseable
{
    /** @return the short name used in results: {@code shadowdev} or {@code echofs}. */
    String name();

    /** @return the server process, for its CPU and context-switch counters. */
    long pid();

    /**
     * Open session {@code index} (sessions are spread over the target's nodes) ready for {@code workload}.
     *
     * @throws Exception when the node cannot be opened or the first exchange is wrong.
     */
    Exchange open(int index, Workload workload, int size) throws Exception;

    /** Stop the server and unmount. */
    @Override
    void close();
}
