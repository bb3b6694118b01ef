package dev.shadowdev.driver.dbc;

import dev.shadowdev.dbc.DbcRequestDescriptor;
import dev.shadowdev.dbc.DbcResponseDescriptor;
import dev.shadowdev.mhi.DmaAllocator;

/**
 * Where the pieces of one {@link DbcBinding} sit in its single host-memory allocation, each 64-byte aligned:
 * <pre>
 *   request queue   elements x 64 bytes (struct dbc_req)
 *   response queue  elements x 4 bytes (struct dbc_rsp), padded
 *   length word     u32 the device writes at db_addr: bytes the workload produced
 *   input buffer    bufferBytes: the EXECUTE input
 *   output buffer   bufferBytes: where the device writes the output
 * </pre>
 * ACTIVATE_TO_DEV's {@code buf_len} is the bytes of both queues, as in qaic.
 *
 * @param elements    queue length in elements (both queues).
 * @param bufferBytes capacity of the input and of the output buffer.
 */
record DbcLayout(int elements, int bufferBytes)
{
    static int align(final int bytes)
    {
        return (bytes + DmaAllocator.GRANULE - 1) & -DmaAllocator.GRANULE;
    }

    int requestQueueOffset()
    {
        return 0;
    }

    int responseQueueOffset()
    {
        return align(elements * DbcRequestDescriptor.LENGTH);
    }

    int lengthWordOffset()
    {
        return responseQueueOffset() + align(elements * DbcResponseDescriptor.LENGTH);
    }

    int inputOffset()
    {
        return lengthWordOffset() + DmaAllocator.GRANULE;
    }

    int outputOffset()
    {
        return inputOffset() + align(bufferBytes);
    }

    int totalBytes()
    {
        return outputOffset() + align(bufferBytes);
    }

    /** @return ACTIVATE's {@code buf_len}: bytes of the request and response queues. */
    int queueBytes()
    {
        return elements * DbcRequestDescriptor.LENGTH + elements * DbcResponseDescriptor.LENGTH;
    }
}
