package dev.shadowdev.wire;

/**
 * {@link WireTypes#PARTITION_NOTICE_FROM_DEV} (extension, ABI.md 6): what the card tells the host unasked, alone in
 * a message of its own: a workload was preempted ({@link #KIND_PREEMPTED}: its session's handle and DBC, and why),
 * or a partition's drain ended ({@link #KIND_DRAINED}: handle and DBC 0).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x112                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 32                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   kind: 1 PREEMPTED, 2 DRAINED                |  8
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32)                          | 12
 *  +---------------------------------------------------------------+
 *  |                   handle (the preempted workload's session)   | 16
 *  +---------------------------------------------------------------+
 *  |                   dbc_id                                      | 20
 *  +---------------------------------------------------------------+
 *  |                   reason: 0 REVOKED, 1 LIMIT, 2 DRAINED       | 24
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 28
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartitionNoticeFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int KIND_PREEMPTED = 1;
    public static final int KIND_DRAINED = 2;
    /** A lender took its reservation back. */
    public static final int REASON_REVOKED = 0;
    /** The partition's own max was lowered with FORCE. */
    public static final int REASON_LIMIT = 1;
    /** A drain's grace ran out. */
    public static final int REASON_DRAINED = 2;

    public static final int KIND_OFFSET = HEADER_LENGTH;
    public static final int PARTITION_ID_OFFSET = KIND_OFFSET + Integer.BYTES;
    public static final int HANDLE_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int DBC_ID_OFFSET = HANDLE_OFFSET + Integer.BYTES;
    public static final int REASON_OFFSET = DBC_ID_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = REASON_OFFSET + Integer.BYTES;
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    @Override
    public PartitionNoticeFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int kind()
    {
        return buffer.getInt(offset + KIND_OFFSET);
    }

    public PartitionNoticeFlyweight kind(final int kind)
    {
        buffer.putInt(offset + KIND_OFFSET, kind);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public PartitionNoticeFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int handle()
    {
        return buffer.getInt(offset + HANDLE_OFFSET);
    }

    public PartitionNoticeFlyweight handle(final int handle)
    {
        buffer.putInt(offset + HANDLE_OFFSET, handle);
        return this;
    }

    public int dbcId()
    {
        return buffer.getInt(offset + DBC_ID_OFFSET);
    }

    public PartitionNoticeFlyweight dbcId(final int dbcId)
    {
        buffer.putInt(offset + DBC_ID_OFFSET, dbcId);
        return this;
    }

    public int reason()
    {
        return buffer.getInt(offset + REASON_OFFSET);
    }

    public PartitionNoticeFlyweight reason(final int reason)
    {
        buffer.putInt(offset + REASON_OFFSET, reason);
        return this;
    }
}
