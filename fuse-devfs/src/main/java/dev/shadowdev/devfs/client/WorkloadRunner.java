package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;

/**
 * Runs a workload through a node, the way a program in a container would: upload the image (ABI.md section 2) with
 * DMA_XFER in chunks that keep each message within 64 KiB, ACTIVATE it, EXECUTE input on its DMA bridge channel,
 * DEACTIVATE it.
 * <pre>{@code
 * try (NodeClient node = NodeClient.open(Path.of("/dev/accel/accel0")))
 * {
 *     WorkloadRunner.Result r = new WorkloadRunner(node).run(image, input);
 * }
 * }</pre>
 */
public final class WorkloadRunner
{
    /** The image slot {@link #run} uses. */
    public static final int DEFAULT_SLOT = 0;

    /** Largest DMA_XFER chunk: a message of exactly 65536 bytes with one transaction. */
    public static final int MAX_CHUNK = ManageRequest.MAX_DMA_XFER_DATA;

    private final NodeClient node;
    private final int chunkSize;

    /** @param node the node to run on; not closed by this class. */
    public WorkloadRunner(final NodeClient node)
    {
        this(node, MAX_CHUNK);
    }

    /**
     * @param node      the node to run on.
     * @param chunkSize bytes of image per DMA_XFER, 1 to {@link #MAX_CHUNK}.
     */
    public WorkloadRunner(final NodeClient node, final int chunkSize)
    {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK)
        {
            throw new IllegalArgumentException("bad chunk size: chunk_size=" + chunkSize + " max=" + MAX_CHUNK);
        }
        this.node = node;
        this.chunkSize = chunkSize;
    }

    /**
     * Upload an image into a slot, from offset 0 (which starts the slot over).
     *
     * @return the number of DMA_XFER messages sent.
     */
    public int load(final int slot, final byte[] image) throws NodeException
    {
        if (image.length == 0)
        {
            throw new NodeException(Errno.EINVAL.status(), "load: empty image: slot=" + slot);
        }
        int messages = 0;
        for (int offset = 0; offset < image.length; offset += chunkSize)
        {
            final int length = Math.min(chunkSize, image.length - offset);
            node.transact(new ManageRequest().dmaXfer(slot, offset, image, offset, length)).requireOk();
            messages++;
        }
        return messages;
    }

    /** @return the activation: DBC and cores; on ENOSPC the exception names the short resources. */
    public ActivateResult activate(final int slot) throws NodeException
    {
        return node.transact(new ManageRequest().activate(slot)).requireOk().activate(0);
    }

    /**
     * @param dbcId the activation's DBC.
     * @param input at most {@link ManageRequest#MAX_EXECUTE_DATA} bytes.
     * @return the output.
     */
    public byte[] execute(final int dbcId, final byte[] input) throws NodeException
    {
        if (input.length > ManageRequest.MAX_EXECUTE_DATA)
        {
            throw new NodeException(Errno.EMSGSIZE.status(), "execute: input too long: length=" + input.length +
                " max=" + ManageRequest.MAX_EXECUTE_DATA);
        }
        return node.transact(new ManageRequest().execute(dbcId, input, 0, input.length)).requireOk()
            .execute(0).data();
    }

    public void deactivate(final int dbcId) throws NodeException
    {
        node.transact(new ManageRequest().deactivate(dbcId)).requireOk();
    }

    /**
     * Load, activate, execute once, deactivate. The workload is deactivated even when EXECUTE fails.
     *
     * @return what happened and the output.
     */
    public Result run(final byte[] image, final byte[] input) throws NodeException
    {
        final int messages = load(DEFAULT_SLOT, image);
        final ActivateResult activation = activate(DEFAULT_SLOT);
        final byte[] output;
        try
        {
            output = execute(activation.dbcId(), input);
        }
        catch (final NodeException ex)
        {
            try
            {
                deactivate(activation.dbcId());
            }
            catch (final NodeException suppressed)
            {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
        deactivate(activation.dbcId());
        return new Result(messages, activation, output);
    }

    /**
     * @param loadMessages DMA_XFER messages the image took.
     * @param activation   the DBC and cores it ran on.
     * @param output       what EXECUTE returned.
     */
    public record Result(int loadMessages, ActivateResult activation, byte[] output)
    {
    }
}
