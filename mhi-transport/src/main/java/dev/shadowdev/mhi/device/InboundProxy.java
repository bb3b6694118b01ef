package dev.shadowdev.mhi.device;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;

import java.nio.ByteBuffer;

/**
 * The from-device data path of one channel (Linux {@code ep/main.c} {@code mhi_ep_queue_buf}): writes one message
 * into the next buffers the host queued, posting OVERFLOW for each buffer it fills and continues past and EOT for
 * the buffer it ends in, with the bytes written there as the length. All or nothing: when the queued buffers or
 * the event ring cannot take the whole message, nothing is written. A malformed element met on the way is
 * answered with BAD_TRE (covering the unused buffers before it) and skipped. Allocation-free.
 */
final class InboundProxy
{
    private final int number;
    private final ByteBuffer buffer;
    private final ErrorLog errors;
    private final ElementCheck check;

    InboundProxy(final int number, final SharedRegion region, final ErrorLog errors)
    {
        this.number = number;
        this.buffer = region.buffer();
        this.errors = errors;
        this.check = new ElementCheck(region);
    }

    /**
     * @return {@code length}, or -EAGAIN when the host has not queued enough buffers or the event ring is full.
     */
    int send(final DeviceRing ring, final EventProxy events, final ByteBuffer bufferSource, final byte[] arraySource,
        final int sourceOffset, final int length)
    {
        int count;
        while (true)
        {
            count = 0;
            int index = ring.rd;
            int remaining = length;
            int bad = -1;
            while (remaining > 0)
            {
                if (index == ring.wr)
                {
                    return Errno.EAGAIN.status();
                }
                final int reason = check.check(ring, index);
                if (reason != ElementCheck.GOOD)
                {
                    check.rememberBad(ring, index, reason);
                    bad = index;
                    break;
                }
                remaining -= Math.min(remaining, check.length);
                count++;
                index = ring.next(index);
            }
            if (bad < 0)
            {
                break;
            }
            if (!events.postTransfer(ring.pointer(bad), CompletionCode.BAD_TRE, 0, number, true))
            {
                return Errno.EAGAIN.status();
            }
            errors.record(check.describe(number));
            ring.rd = ring.next(bad);
        }
        if (!events.hasSpace(count))
        {
            return Errno.EAGAIN.status();
        }
        int index = ring.rd;
        int remaining = length;
        int at = sourceOffset;
        for (int i = 0; i < count; i++)
        {
            check.check(ring, index);
            final int n = Math.min(remaining, check.length);
            if (arraySource != null)
            {
                buffer.put(check.offset, arraySource, at, n);
            }
            else
            {
                buffer.put(check.offset, bufferSource, at, n);
            }
            remaining -= n;
            at += n;
            final int code = remaining > 0 ? CompletionCode.OVERFLOW : CompletionCode.EOT;
            events.postTransfer(ring.pointer(index), code, n, number,
                (check.dword1 & TransferTreFlyweight.FLAG_BEI) == 0);
            index = ring.next(index);
        }
        ring.rd = index;
        return length;
    }
}
