package dev.shadowdev.firmware.dbc;

/**
 * The queues one DMA bridge channel is bound to, and the device's view of their indexes. Mutable and reused for
 * every binding of the channel. Not thread-safe: owned by {@link DbcEngine} on the device thread.
 */
final class DbcQueues
{
    boolean bound;
    int partitionId;
    int handle;
    /** Index of request element 0 in the region's buffer. */
    int reqBase;
    int reqSize;
    /** Index of response element 0 in the region's buffer. */
    int rspBase;
    int rspSize;
    int bufLen;
    /** Next request element the device consumes: the value of REQ_HEAD. */
    int reqHead;
    /** Next response element the device writes: the value of RSP_TAIL. */
    int rspTail;

    void bind(
        final int partitionId,
        final int handle,
        final int reqBase,
        final int reqSize,
        final int rspBase,
        final int rspSize,
        final int bufLen)
    {
        this.partitionId = partitionId;
        this.handle = handle;
        this.reqBase = reqBase;
        this.reqSize = reqSize;
        this.rspBase = rspBase;
        this.rspSize = rspSize;
        this.bufLen = bufLen;
        this.reqHead = 0;
        this.rspTail = 0;
        this.bound = true;
    }

    void unbind()
    {
        bound = false;
    }
}
