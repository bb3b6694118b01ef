package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireFlyweight;

/**
 * The 16-byte struct of {@link NodeIoctls#SD_IOC_PART_DEV} (ABI.md 1.4): create (after the firmware validates
 * the partition ID; ENOENT when it is not valid) or, with {@link #FLAG_REMOVE}, remove the shadow node of a
 * partition. Base node only (EPERM on a shadow node). {@code minor} is written by the driver (and read by it with
 * {@link #FLAG_WANT_MINOR}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   partition_id (i32)                          |  0
 *  +---------------------------------------------------------------+
 *  |                   flags: bit0 remove                          |  4
 *  +---------------------------------------------------------------+
 *  |                   minor (out)                                 |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class SdPartDevFlyweight extends WireFlyweight
{
    /** {@code flags} bit: remove the shadow node instead of creating it. */
    public static final int FLAG_REMOVE = 1;
    /**
     * {@code flags} bit (shadowdev extension): create the node with the minor given in {@code minor} (restoring a
     * saved layout, or re-attaching a node to its partition after a reset) instead of the lowest free one; EBUSY
     * when that minor belongs to another node. Creating a node that exists already answers its minor.
     */
    public static final int FLAG_WANT_MINOR = 1 << 1;

    public static final int PARTITION_ID_OFFSET = 0;
    public static final int FLAGS_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int MINOR_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = MINOR_OFFSET + Integer.BYTES;
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    @Override
    public SdPartDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public SdPartDevFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public SdPartDevFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    public int minor()
    {
        return buffer.getInt(offset + MINOR_OFFSET);
    }

    public SdPartDevFlyweight minor(final int minor)
    {
        buffer.putInt(offset + MINOR_OFFSET, minor);
        return this;
    }
}
