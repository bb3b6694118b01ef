package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;

/**
 * A management request the firmware refused. Carries the errno that goes back on the wire, the short mask (see
 * {@link #shortMask()}) and a message of the form {@code what: name=value}. A refused request has changed nothing
 * (one documented exception: DEACTIVATE of a preempted workload answers ECANCELED and forgets it).
 */
public final class FirmwareException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final int shortMask;

    /**
     * @param errno   why the request was refused.
     * @param message {@code what: name=value}.
     */
    public FirmwareException(final Errno errno, final String message)
    {
        this(errno, 0, message);
    }

    /**
     * @param errno     why the request was refused.
     * @param shortMask bit i set for each resource i the refusal names (see {@link #shortMask()}), else 0.
     * @param message   {@code what: name=value}.
     */
    public FirmwareException(final Errno errno, final int shortMask, final String message)
    {
        super(message, null, false, false);
        this.errno = errno;
        this.shortMask = shortMask;
    }

    /**
     * The refusal of a request that does not fit its pool.
     *
     * @param shortMask bit i set for each short resource i; not 0.
     * @return ENOSPC with message {@code not enough resources: short_mask=0x11 short=cores,dma_channels}.
     */
    public static FirmwareException shortage(final int shortMask)
    {
        return new FirmwareException(Errno.ENOSPC, shortMask, "not enough resources: " + describe("short", shortMask));
    }

    /**
     * @param label what the mask means, e.g. {@code short}.
     * @param mask  bit i set for resource i.
     * @return {@code short_mask=0x11 short=cores,dma_channels} for label {@code short}.
     */
    static String describe(final String label, final int mask)
    {
        final StringBuilder names = new StringBuilder();
        for (int i = 0; i < Resource.COUNT; i++)
        {
            final Resource resource = Resource.of(i);
            if ((mask & resource.bit()) != 0)
            {
                names.append(names.length() == 0 ? "" : ",").append(resource.key());
            }
        }
        return String.format("%s_mask=0x%02x %s=%s", label, mask, label, names);
    }

    /** @return why the request was refused. */
    public Errno errno()
    {
        return errno;
    }

    /** @return the wire status: {@code -errno}. */
    public int status()
    {
        return errno.status();
    }

    /**
     * @return bit i set for each resource i the refusal names: short (ENOSPC), at its limit (EDQUOT from ACTIVATE),
     * used above the new max (EBUSY from PART_RESIZE); 0 otherwise.
     */
    public int shortMask()
    {
        return shortMask;
    }
}
