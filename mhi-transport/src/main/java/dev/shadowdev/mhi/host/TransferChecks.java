package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;

/**
 * The checks a buffer passes before it is queued: length 1..65535, inside host memory, only transfer flags. Each
 * failure is -EINVAL with a message naming the field; success allocates nothing.
 */
final class TransferChecks
{
    private final SharedRegion region;
    private final ErrorLog errors;

    TransferChecks(final SharedRegion region, final ErrorLog errors)
    {
        this.region = region;
        this.errors = errors;
    }

    SharedRegion region()
    {
        return region;
    }

    ErrorLog errors()
    {
        return errors;
    }

    /** @return 0, or -EINVAL. */
    int check(final int channel, final long address, final int length, final int flags)
    {
        if (length <= 0 || length > TransferTreFlyweight.MAX_LENGTH)
        {
            return errors.report(Errno.EINVAL, "bad buffer length: channel=" + channel + ", length=" + length);
        }
        if (!region.contains(address, length))
        {
            return errors.report(Errno.EINVAL,
                "bad buffer address: channel=" + channel + ", address=0x" + Long.toHexString(address));
        }
        if ((flags & ~TransferTreFlyweight.FLAGS_MASK) != 0)
        {
            return errors.report(Errno.EINVAL,
                "bad flags: channel=" + channel + ", flags=0x" + Integer.toHexString(flags));
        }
        return 0;
    }

    /** @return 0, or -EINVAL for a message outside host memory or with CHAIN in its flags. */
    int checkMessage(final int channel, final long address, final int length, final int flags)
    {
        if (length <= 0 || (flags & TransferTreFlyweight.FLAG_CHAIN) != 0 ||
            (flags & ~TransferTreFlyweight.FLAGS_MASK) != 0 || !region.contains(address, length))
        {
            return errors.report(Errno.EINVAL, "bad message: channel=" + channel + ", length=" + length +
                ", flags=0x" + Integer.toHexString(flags));
        }
        return 0;
    }
}
