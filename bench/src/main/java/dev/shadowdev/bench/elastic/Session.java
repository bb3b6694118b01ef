package dev.shadowdev.bench.elastic;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One session on a node, as a program in a container holds it: an ECHO image of one core and one DMA channel loaded
 * once into slot 0, then ACTIVATE, EXECUTE and DEACTIVATE answered as statuses (0 or a negative errno) rather than
 * exceptions, because the elastic bench counts refusals (ENOSPC, EDQUOT), preemptions (ECANCELED) and failures (a
 * whole message answered ETIMEDOUT) as outcomes. A failed write or read of the node is still a
 * {@link NodeException}. Not thread-safe: one thread per session.
 */
final class Session implements AutoCloseable
{
    /** One core, 1 MiB, no bus replicator, no semaphore, one DMA channel. */
    static final long[] NEEDS = {1, 1L << 20, 0, 0, 1};
    private static final int SLOT = 0;
    private static final byte[] IMAGE = new WorkloadImageWriter().name("elastic-bench").needs(NEEDS)
        .op(WorkloadOp.ECHO).payload(new byte[64]).toBytes();

    private final NodeClient node;
    private final Path path;
    private int roundTrips;

    private Session(final NodeClient node, final Path path)
    {
        this.node = node;
        this.path = path;
    }

    /** Open {@code path} and load the image. */
    static Session open(final Path path) throws NodeException
    {
        final NodeClient node = NodeClient.open(path);
        try
        {
            new WorkloadRunner(node).load(SLOT, IMAGE);
            return new Session(node, path);
        }
        catch (final NodeException | RuntimeException ex)
        {
            node.close();
            throw ex;
        }
    }

    /** @return the DBC of the new workload (>= 0), or the negative errno of the refusal. */
    int activate() throws NodeException
    {
        final ManageResponse r = transact(new ManageRequest().activate(SLOT));
        return status(r) == 0 ? r.activate(0).dbcId() : status(r);
    }

    /** @return 0 or the negative errno; the output is checked to be the input (EBADMSG when it is not). */
    int execute(final int dbcId, final byte[] input) throws NodeException
    {
        final ManageResponse r = transact(new ManageRequest().execute(dbcId, input, 0, input.length));
        if (status(r) != 0)
        {
            return status(r);
        }
        return Arrays.equals(r.execute(0).data(), input) ? 0 : Errno.EBADMSG.status();
    }

    /** @return 0 or the negative errno (ECANCELED for a preempted workload, which is then released). */
    int deactivate(final int dbcId) throws NodeException
    {
        return status(transact(new ManageRequest().deactivate(dbcId)));
    }

    /**
     * Send one prepared request and wait for its response (the timed part of an ACTIVATE).
     *
     * @return the response, whatever its statuses ({@link #status}).
     * @throws NodeException when the write or the read fails.
     */
    ManageResponse transact(final ManageRequest request) throws NodeException
    {
        roundTrips++;
        return node.transact(request);
    }

    /** @return the whole message's status (e.g. ETIMEDOUT) if it failed, else its one transaction's. */
    static int status(final ManageResponse r)
    {
        return r.status() != 0 ? r.status() : r.status(0);
    }

    /** @return request/response round trips this session made. */
    int roundTrips()
    {
        return roundTrips;
    }

    Path path()
    {
        return path;
    }

    @Override
    public void close()
    {
        node.close();
    }
}
