package dev.shadowdev.bench.e2e;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageMessageWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Binds a partition to a cgroup path as any privileged program would (ABI.md 7): one PART_BIND (0x0109) written as
 * a raw manage message to the base node, its response read back.
 */
final class PartBind
{
    private static final int MESSAGE_CAPACITY = 8192;
    private static final int RESPONSE_CAPACITY = 4096;
    private static final int TAG = 1;

    private PartBind()
    {
    }

    /**
     * @param baseNode   {@code <mount>/accel/accel0}.
     * @param partition  the partition's name.
     * @param cgroupPath an absolute cgroup path (unified hierarchy).
     * @return the partition's id.
     * @throws IOException when the partition does not exist or the bind is refused (its errno in the message).
     */
    static int bind(final Path baseNode, final String partition, final String cgroupPath) throws IOException
    {
        try (NodeClient base = NodeClient.open(baseNode))
        {
            final int id = partitionId(base, partition);
            final int status = send(base, id, cgroupPath);
            if (status != 0)
            {
                throw new IOException("PART_BIND refused: partition=" + partition + " path=" + cgroupPath +
                    " status=" + Errno.fromStatus(status) + " (" + status + ")");
            }
            return id;
        }
        catch (final NodeException ex)
        {
            throw new IOException("PART_BIND failed: partition=" + partition + " path=" + cgroupPath +
                " node=" + baseNode + " error=" + ex.getMessage(), ex);
        }
    }

    private static int partitionId(final NodeClient base, final String partition) throws NodeException, IOException
    {
        for (final PartitionEntry entry : base.partQuery())
        {
            if (entry.name().equals(partition))
            {
                return entry.id();
            }
        }
        throw new IOException("PART_BIND: no such partition: name=" + partition);
    }

    /** @return the transaction's status (0 or a negative errno). */
    private static int send(final NodeClient base, final int partitionId, final String cgroupPath)
        throws NodeException, IOException
    {
        final byte[] path = cgroupPath.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer message = ByteBuffer.allocate(MESSAGE_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        final ManageMessageWriter writer = new ManageMessageWriter()
            .wrap(new WireBuffer(message), 0, MESSAGE_CAPACITY);
        writer.begin(TAG);
        final int appended = writer.appendPartBind(partitionId, 0, new WireBuffer(path), 0, path.length);
        if (appended < 0)
        {
            throw new IOException("PART_BIND: path does not fit a message: path_len=" + path.length);
        }
        final int length = writer.finish();
        message.limit(length);
        final int written = base.channel().write(message);
        if (written != length)
        {
            throw new IOException("PART_BIND: write refused: status=" + Errno.fromStatus(written) + " (" +
                written + ")");
        }
        final ByteBuffer response = ByteBuffer.allocate(RESPONSE_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        final int n = base.channel().read(response);
        if (n <= 0)
        {
            throw new IOException("PART_BIND: no response: status=" + n);
        }
        return ManageResponse.parse(response, n).status(0);
    }
}
