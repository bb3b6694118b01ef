package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.DmaAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a DMA_XFER's data waits for the device: one host-memory allocation holding a copy of the request's bytes,
 * described as address/size pairs of at most {@code dmaSegmentBytes} each (the list a DMA_XFER_TO_DEV carries).
 * The pair arrays are reused (they grow when a transfer needs more pairs than ever before) and stay unchanged until
 * the next {@link #stage}: a split transfer sends its pieces from them. Owned by the session's processing.
 */
final class DmaStaging
{
    private static final Logger LOG = LoggerFactory.getLogger(DmaStaging.class);

    private final SessionServices services;
    private long[] pairAddress = new long[16];
    private long[] pairSize = new long[16];
    private int pairCount;

    DmaStaging(final SessionServices services)
    {
        this.services = services;
    }

    /**
     * Copy {@code dataLen} bytes of the request from {@code dataIndex} into one host-memory allocation and describe
     * it as pairs.
     *
     * @return the allocation's address (give it back with {@link #free}), or -ENOSPC.
     */
    long stage(final RequestContext ctx, final int dataIndex, final int dataLen)
    {
        final long address = services.allocator().alloc(dataLen, DmaAllocator.GRANULE);
        if (address < 0)
        {
            LOG.warn("transaction refused: reason=no host memory type=DMA_XFER data_len={} free={}",
                dataLen, services.allocator().freeBytes());
            return Errno.ENOSPC.status();
        }
        services.region().write(address, ctx.view().byteBuffer(), dataIndex, dataLen);
        final int segment = services.options().dmaSegmentBytes();
        pairCount = pairsFor(dataLen);
        if (pairAddress.length < pairCount)
        {
            pairAddress = new long[Integer.highestOneBit(pairCount) << 1];
            pairSize = new long[pairAddress.length];
        }
        for (int i = 0; i < pairCount; i++)
        {
            pairAddress[i] = address + (long)i * segment;
            pairSize[i] = Math.min(segment, dataLen - (long)i * segment);
        }
        return address;
    }

    /** Give back a staged allocation. */
    void free(final long address)
    {
        services.allocator().free(address);
    }

    /** @return how many pairs {@code dataLen} bytes take. */
    int pairsFor(final int dataLen)
    {
        final int segment = services.options().dmaSegmentBytes();
        return (int)(((long)dataLen + segment - 1) / segment);
    }

    long[] pairAddress()
    {
        return pairAddress;
    }

    long[] pairSize()
    {
        return pairSize;
    }

    /** @return the pairs of the last {@link #stage}. */
    int pairCount()
    {
        return pairCount;
    }
}
