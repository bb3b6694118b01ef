package dev.shadowdev.bench.e2e;

/**
 * One session's request/response exchange against a mounted node: one {@code write} of a request, one {@code read}
 * of its response. {@link #exchange()} is the load generator's hot path: it allocates nothing and throws nothing.
 */
public interface Exchange extends AutoCloseable
{
    /**
     * Write one request and read its response.
     *
     * @return the payload bytes the request carried (the unit of MB/s), or a negative errno.
     */
    int exchange();

    /** End the session. */
    @Override
    void close();
}
