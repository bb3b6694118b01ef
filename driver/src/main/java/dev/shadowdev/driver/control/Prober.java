package dev.shadowdev.driver.control;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.wire.StatusFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe's STATUS exchange (qaic {@code get_cntl_version}): send STATUS as the driver (handle 0, no partition)
 * with a CRC, read the answer without checking its CRC, refuse a firmware whose control protocol major is not
 * {@value StatusFromDevFlyweight#PROTOCOL_MAJOR} or whose minor is above {@value StatusFromDevFlyweight#PROTOCOL_MINOR},
 * then check CRCs in both directions when the firmware asks (status flags bit 0), or stop generating them.
 */
public final class Prober
{
    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

    private final ControlClient client;
    private final SyncCall call;
    private final TransactionCursor cursor = new TransactionCursor();
    private int major = -1;
    private int minor = -1;

    public Prober(final ControlClient client)
    {
        this.client = client;
        this.call = new SyncCall(client);
    }

    /**
     * @param timeoutNanos how long STATUS may take.
     * @return OK; -EINVAL for an unsupported version; -EIO for an answer that is not a STATUS answer; the firmware's
     *     status; or the call's failure (-ETIMEDOUT, ...); each failure with its reason.
     */
    public synchronized ProbeResult probe(final long timeoutNanos)
    {
        call.writer().appendStatus();
        final int status = call.call(0, WireMessageHeaderFlyweight.NO_PARTITION, timeoutNanos);
        if (status != 0)
        {
            return fail(status, "firmware status failed: status=" + status);
        }
        cursor.wrapWireMessage(call.response(), 0);
        if (!cursor.next() || cursor.type() != WireTypes.STATUS_FROM_DEV)
        {
            return fail(Errno.EIO.status(), "bad status answer: type=" + WireTypes.name(cursor.type()));
        }
        final StatusFromDevFlyweight answer = new StatusFromDevFlyweight().wrap(call.response(), cursor.offset());
        if (answer.status() != 0)
        {
            return fail(answer.status(), "firmware status failed: status=" + answer.status());
        }
        major = answer.major();
        minor = answer.minor();
        if (major != StatusFromDevFlyweight.PROTOCOL_MAJOR || minor > StatusFromDevFlyweight.PROTOCOL_MINOR)
        {
            return fail(Errno.EINVAL.status(), "unsupported firmware version: major=" + major + " minor=" + minor +
                " supported=" + StatusFromDevFlyweight.PROTOCOL_MAJOR + "." + StatusFromDevFlyweight.PROTOCOL_MINOR);
        }
        final boolean crc = answer.crcRequired();
        client.crc(crc, crc);
        LOG.info("firmware probed: major={} minor={} crc={}", major, minor, crc);
        return ProbeResult.OK;
    }

    /** @return the firmware's control protocol major from the last STATUS, or -1. */
    public synchronized int major()
    {
        return major;
    }

    /** @return the firmware's control protocol minor from the last STATUS, or -1. */
    public synchronized int minor()
    {
        return minor;
    }

    private static ProbeResult fail(final int status, final String reason)
    {
        LOG.error("probe refused: {}", reason);
        return ProbeResult.failed(status, reason);
    }
}
