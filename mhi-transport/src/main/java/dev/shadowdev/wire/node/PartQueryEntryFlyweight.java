package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.WireBuffer;

/**
 * The node ABI's name for one PART_QUERY entry (ABI.md 1.3); the layout is {@link PartitionEntryFlyweight}'s, which
 * the control protocol shares byte for byte. Kept for the driver, which still imports it by this name.
 */
public final class PartQueryEntryFlyweight extends PartitionEntryFlyweight
{
    @Override
    public PartQueryEntryFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }
}
