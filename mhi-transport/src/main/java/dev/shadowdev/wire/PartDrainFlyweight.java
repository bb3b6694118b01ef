package dev.shadowdev.wire;

/**
 * PART_DRAIN's request body (ABI.md 6.1), node type 0x0107, carried unchanged by the control protocol's
 * {@link WireTypes#PART_DRAIN_TO_DEV}: cordon a partition (new ACTIVATEs answer ESHUTDOWN), preempt what still runs
 * after {@code grace_ms} (0: at once; {@link #GRACE_NEVER}: never), or lift the cordon ({@link #FLAG_UNDO}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type                                        |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32)                          |  8
 *  +---------------------------------------------------------------+
 *  |                   flags, bit0 UNDO                            | 12
 *  +---------------------------------------------------------------+
 *  |                   grace_ms                                    | 16
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 20
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartDrainFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int FLAG_UNDO = 1;
    /** {@code grace_ms}: never preempt. */
    public static final int GRACE_NEVER = 0xFFFF_FFFF;

    public static final int PARTITION_ID_OFFSET = HEADER_LENGTH;
    public static final int FLAGS_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int GRACE_MS_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = GRACE_MS_OFFSET + Integer.BYTES;
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    /** Write the body of a reserved PART_DRAIN (node or wire, the same bytes) at {@code offset}. */
    public static void put(final WireBuffer buffer, final int offset, final int partitionId, final int flags,
        final int graceMs)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        buffer.putInt(offset + GRACE_MS_OFFSET, graceMs);
    }

    @Override
    public PartDrainFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public PartDrainFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public PartDrainFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    /** @return grace_ms as an unsigned value. */
    public long graceMs()
    {
        return buffer.getUnsignedInt(offset + GRACE_MS_OFFSET);
    }

    public PartDrainFlyweight graceMs(final int graceMs)
    {
        buffer.putInt(offset + GRACE_MS_OFFSET, graceMs);
        return this;
    }

    public int reserved()
    {
        return buffer.getInt(offset + RESERVED_OFFSET);
    }
}
