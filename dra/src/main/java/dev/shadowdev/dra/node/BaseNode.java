package dev.shadowdev.dra.node;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.NodeInfo;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.dra.Dra;
import dev.shadowdev.dra.catalog.CardLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin's session on the devfs base node, through the node ABI only (manage messages and ioctls, as the CLI):
 * one request at a time, whichever thread asks. Also reads the mount's {@code by-name/} links for the minors of
 * the configured partitions.
 */
public final class BaseNode implements AutoCloseable
{
    private static final Pattern NODE_FILE = Pattern.compile("accel(\\d+)");

    private final Path mount;
    private final NodeClient client;

    private BaseNode(final Path mount, final NodeClient client)
    {
        this.mount = mount;
        this.client = client;
    }

    /**
     * @param mount    the devfs mount point.
     * @param basePath the base node, usually {@code <mount>/accel/accel0}.
     * @return a session on it.
     * @throws NodeException when it cannot be opened or is not the base node: {@code what: name=value}.
     */
    public static BaseNode open(final Path mount, final Path basePath) throws NodeException
    {
        final NodeClient client = NodeClient.open(basePath);
        try
        {
            final NodeInfo info = client.info();
            if (!info.isBase())
            {
                throw new NodeException(-1, "not the base node: path=" + basePath + " partition=" +
                    info.partitionId());
            }
            return new BaseNode(mount, client);
        }
        catch (final NodeException | RuntimeException ex)
        {
            client.close();
            throw ex;
        }
    }

    public Path mount()
    {
        return mount;
    }

    /** @return the node file of a minor: {@code <mount>/accel/accel<minor>}. */
    public Path nodePath(final int minor)
    {
        return mount.resolve("accel").resolve("accel" + minor);
    }

    /**
     * @return the card (SD_IOC_INFO of the base node) and its configured partitions (PART_QUERY, less the
     * plugin's own {@value Dra#PARTITION_PREFIX} partitions), with the minors the {@code by-name/} links show.
     */
    public synchronized CardLayout layout() throws NodeException, IOException
    {
        final Resources total = client.info().total();
        final List<CardLayout.ConfiguredPartition> list = new ArrayList<>();
        for (final PartitionEntry e : client.partQuery())
        {
            if (!e.name().startsWith(Dra.PARTITION_PREFIX))
            {
                list.add(new CardLayout.ConfiguredPartition(e.name(), e.reserved(), minorByName(e.name())));
            }
        }
        return new CardLayout(total, list);
    }

    /** @return the partition called {@code name} (PART_QUERY), or {@code null}. */
    public synchronized PartitionEntry find(final String name) throws NodeException
    {
        for (final PartitionEntry e : client.partQuery())
        {
            if (e.name().equals(name))
            {
                return e;
            }
        }
        return null;
    }

    /** @return what is free in the card's pool (POOL_QUERY). */
    public synchronized Resources free() throws NodeException
    {
        return client.poolQuery().free();
    }

    /** @return every partition (PART_QUERY). */
    public synchronized List<PartitionEntry> partitions() throws NodeException
    {
        return client.partQuery();
    }

    /** PART_CREATE; @return the new partition's ID. */
    public synchronized int create(final String name, final Resources resources) throws NodeException
    {
        return client.partCreate(name, resources);
    }

    /** PART_DESTROY. */
    public synchronized void destroy(final int partitionId, final boolean force) throws NodeException
    {
        client.partDestroy(partitionId, force);
    }

    /**
     * SD_IOC_PART_DEV: the partition's shadow node, made when it has none (the driver answers the minor of the node
     * it already has).
     *
     * @param wantedMinor the minor to use, or -1 for any.
     */
    public synchronized int attach(final int partitionId, final int wantedMinor) throws NodeException
    {
        return client.partDev(partitionId, wantedMinor);
    }

    /** SD_IOC_PART_DEV remove. */
    public synchronized void detach(final int partitionId) throws NodeException
    {
        client.partDevRemove(partitionId);
    }

    /** @return the minor {@code by-name/<name>} points at, or -1 when there is no such link. */
    private int minorByName(final String name) throws IOException
    {
        final Path link = mount.resolve("by-name").resolve(name);
        try
        {
            final Matcher m = NODE_FILE.matcher(Files.readSymbolicLink(link).getFileName().toString());
            return m.matches() ? Integer.parseInt(m.group(1)) : -1;
        }
        catch (final NoSuchFileException ex)
        {
            return -1;
        }
    }

    @Override
    public synchronized void close()
    {
        client.close();
    }
}
