package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.WireBuffer;

/**
 * The node ABI's name for the request body of {@link NodeTypes#PART_CREATE} (ABI.md 1.3); the layout is
 * {@link PartCreateFlyweight}'s, which the control protocol shares byte for byte. Kept for the driver, which still
 * refers to it by this name.
 */
public final class PartCreateRequestFlyweight extends PartCreateFlyweight
{
    @Override
    public PartCreateRequestFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }
}
