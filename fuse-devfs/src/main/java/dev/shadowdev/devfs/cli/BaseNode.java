package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.NodeInfo;
import dev.shadowdev.devfs.daemon.DaemonState;
import dev.shadowdev.devfs.daemon.PartitionRecord;
import dev.shadowdev.devfs.daemon.StateStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the commands that manage partitions through the base node share (apply, bind, resize, drain): opening the
 * mount's base node and checking it is one, finding a partition by name, and recording a change in the daemon's
 * state. A refusal is a {@link Refused}: the command prints {@code <verb>: <message>} and fails.
 */
final class BaseNode
{
    /** A reason to stop, printed after the command's verb. */
    static final class Refused extends Exception
    {
        private static final long serialVersionUID = 1L;

        Refused(final String message)
        {
            super(message, null, false, false);
        }
    }

    private BaseNode()
    {
    }

    /**
     * @return a client on the base node of the devfs at {@code mount} (its {@code partition} attribute reads -1),
     *     checked with SD_IOC_INFO; the caller closes it.
     * @throws Refused        no devfs there ({@code no devfs mounted here: dir=...}), or not the base node.
     * @throws NodeException  the node cannot be opened or asked.
     */
    static NodeClient open(final NodeOpener opener, final Path mount) throws Refused, NodeException
    {
        final Path path;
        try
        {
            path = new DevfsTree(mount).baseNode();
        }
        catch (final IOException ex)
        {
            throw new Refused(ex.getMessage());
        }
        final NodeClient base = opener.open(path);
        try
        {
            final NodeInfo info = base.info();
            if (!info.isBase())
            {
                throw new Refused("not the base node: path=" + path + " partition=" + info.partitionId());
            }
            return base;
        }
        catch (final Refused | NodeException | RuntimeException ex)
        {
            base.close();
            throw ex;
        }
    }

    /** @return the entry named {@code name} (PART_QUERY or PART_QUERY_EX entries). */
    static <T> T partition(final List<T> entries, final Function<T, String> nameOf, final String name)
        throws Refused
    {
        for (final T entry : entries)
        {
            if (nameOf.apply(entry).equals(name))
            {
                return entry;
            }
        }
        throw new Refused("no such partition: name=" + name);
    }

    /**
     * The daemon's state before a change through the base node that {@link #record} will keep: read first, so that a
     * damaged file changes nothing.
     *
     * @return the state, or null (said on {@code err}) when it cannot be read.
     */
    static DaemonState saved(final StateStore store, final String verb, final PrintWriter err)
    {
        try
        {
            return store.load();
        }
        catch (final IOException ex)
        {
            err.println(verb + ": " + ex.getMessage());
            return null;
        }
    }

    /**
     * Record a change made through the base node in the daemon's record of the partition, so that a rebuild after a
     * reset restores it; a partition the daemon did not make is only warned about.
     *
     * @return 0, or {@link ShadowdevCli#EXIT_FAILED} when the state could not be saved.
     */
    static int record(final StateStore store, final DaemonState saved, final String name, final int partitionId,
        final UnaryOperator<PartitionRecord> change, final String verb, final PrintWriter err)
    {
        final PartitionRecord record = saved.find(name);
        if (record == null || record.partitionId() != partitionId)
        {
            err.println(verb + ": the daemon's state has no such partition, so a rebuild after a reset will not " +
                "restore this: name=" + name + " id=" + partitionId + " state=" + store.file());
            return 0;
        }
        try
        {
            store.save(saved.with(change.apply(record)));
            return 0;
        }
        catch (final IOException ex)
        {
            err.println(verb + ": done, but the state was not saved: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
    }
}
