package dev.shadowdev.wire;

/**
 * Which way a wire message travels, and how long it may be.
 * <p>
 * Requests, host to device, are up to {@code QAIC_MANAGE_EXT_MSG_LENGTH} = 64 KiB, as in qaic
 * ({@code qaic_control.c}). Responses, device to host, are up to 64 KiB as well, so that a PASSTHROUGH answer can
 * echo a whole request: the host queues receive buffers of {@code QAIC_MANAGE_MAX_MSG_LENGTH} = 4 KiB on the
 * response channel and a longer response continues over the following buffers (the device completes every buffer
 * but the last with OVERFLOW and the last with EOT); the host reassembles the message before decoding it.
 * <p>
 * How qaic carries more than that:
 * <ul>
 *   <li>A request longer than one 4 KiB transfer buffer ({@code QAIC_WRAPPER_MAX_SIZE}) is still one message: the
 *   host queues it as a chain of buffers, {@code MHI_CHAIN} on all but the last and {@code MHI_EOT} on the last,
 *   and the device reassembles the message before decoding it.</li>
 *   <li>An address/size list too long for one 64 KiB request continues over several messages: the first
 *   {@link WireTypes#DMA_XFER_TO_DEV} carries a non-zero {@code dma_chunk_id}, the device answers with a single
 *   {@link WireTypes#DMA_XFER_CONT} (chunk id and bytes received so far), the host checks both and sends the next
 *   piece under the same chunk id ({@link DmaXferSplitter}).</li>
 * </ul>
 */
public enum WireDirection
{
    /** Host to device: requests (TO_DEV transaction types). */
    TO_DEV(64 * 1024),
    /** Device to host: responses (FROM_DEV transaction types). */
    FROM_DEV(64 * 1024);

    private final int maxLength;

    WireDirection(final int maxLength)
    {
        this.maxLength = maxLength;
    }

    /** @return the longest message, header included, in this direction. */
    public int maxLength()
    {
        return maxLength;
    }

    /** @return true when {@code type} is a transaction type of this direction. */
    public boolean carries(final int type)
    {
        return this == TO_DEV ? WireTypes.isToDev(type) : WireTypes.isFromDev(type);
    }
}
