package dev.shadowdev.wire;

/**
 * Base of every layout flyweight: a {@link WireBuffer} and the offset of the layout in it. Wrapping allocates
 * nothing, so one flyweight instance is reused for every message. Accessors do no bounds checks beyond the
 * buffer's own; validate a message before reading it through flyweights.
 */
public abstract class WireFlyweight
{
    protected WireBuffer buffer;
    protected int offset;

    /**
     * Point this flyweight at {@code offset} in {@code buffer}.
     *
     * @return this.
     */
    public WireFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public WireBuffer buffer()
    {
        return buffer;
    }

    /** @return where the layout starts in {@link #buffer()}. */
    public int offset()
    {
        return offset;
    }
}
