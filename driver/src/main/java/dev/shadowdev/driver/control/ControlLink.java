package dev.shadowdev.driver.control;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.host.HostResult;
import dev.shadowdev.mhi.host.MhiHost;
import dev.shadowdev.mhi.host.TransferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CONTROL channel pair as one link: bring it up (transport to M0, both channels started, receive buffers
 * queued, proxy and client accepting, CRC back to the pre-STATUS default: generate, do not check), quiesce it
 * (refuse new requests), reset it (quiesce, then reset the transport, which hands every queued buffer back), and
 * close it. Blocking; never called from a transport callback.
 */
public final class ControlLink
{
    private static final Logger LOG = LoggerFactory.getLogger(ControlLink.class);
    private static final int START_ATTEMPTS = 3;

    private final MhiHost host;
    private final ControlProxy proxy;
    private final ControlAdapter adapter;
    private final ControlClient client;

    public ControlLink(
        final MhiHost host, final ControlProxy proxy, final ControlAdapter adapter, final ControlClient client)
    {
        this.host = host;
        this.proxy = proxy;
        this.adapter = adapter;
        this.client = client;
    }

    /**
     * @param timeoutNanos how long each step may take.
     * @return OK, or the failing step's negative errno and which step it was.
     */
    public ProbeResult open(final long timeoutNanos)
    {
        if (host.state() != MhiState.M0)
        {
            final HostResult up = host.powerUp(timeoutNanos);
            if (!up.ok() && up.status() != Errno.EBUSY.status())
            {
                return ProbeResult.failed(up.status(),
                    "transport power up failed: status=" + up.status() + " error=" + up.reason());
            }
        }
        final ProbeResult tx = startChannel(proxy.channel(), proxy, timeoutNanos);
        if (!tx.ok())
        {
            return tx;
        }
        final ProbeResult rx = startChannel(adapter.channel(), adapter, timeoutNanos);
        if (!rx.ok())
        {
            return rx;
        }
        final int queued = adapter.queueAll();
        if (queued < 0)
        {
            return ProbeResult.failed(queued, "receive buffers not queued: status=" + queued);
        }
        proxy.start();
        client.crc(true, false);
        client.start();
        return ProbeResult.OK;
    }

    /**
     * START_CHAN, retried after a RESET_CHAN when it fails: {@link MhiHost#command} can miss a completion that the
     * interrupt processes before it records the command it waits for (the start then times out although the device
     * started the channel, and a second START_CHAN is refused as "already running"). The early attempts wait a
     * tenth of the timeout (a start takes microseconds), the last one the whole timeout.
     */
    private ProbeResult startChannel(final int channel, final TransferListener listener, final long timeoutNanos)
    {
        int status = 0;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++)
        {
            final long wait = attempt == START_ATTEMPTS ? timeoutNanos : timeoutNanos / 10;
            final HostResult started = host.startChannel(channel, listener, wait);
            status = started.status();
            if (status == 0 || status == Errno.EBUSY.status())
            {
                return ProbeResult.OK;
            }
            LOG.warn("channel start failed: channel={} status={} attempt={} error={}", channel, status, attempt,
                started.reason());
            host.resetChannel(channel, wait);
        }
        return ProbeResult.failed(status, "channel start failed: channel=" + channel + " status=" + status);
    }

    /** Refuse new requests (client and proxy); what is in flight stays until failed or reset. */
    public void quiesce()
    {
        client.stop();
        proxy.stop();
    }

    /**
     * Quiesce, then reset the transport: every queued buffer comes back (message buffers freed, receive buffers
     * ready to queue again).
     *
     * @return OK, or -ETIMEDOUT and why.
     */
    public ProbeResult reset(final long timeoutNanos)
    {
        quiesce();
        final HostResult reset = host.reset(timeoutNanos);
        return reset.ok() ? ProbeResult.OK : ProbeResult.failed(reset.status(),
            "transport reset failed: status=" + reset.status() + " error=" + reset.reason());
    }

    /** Quiesce, reset the transport, and give the rings and receive buffers back. */
    public void close(final long timeoutNanos)
    {
        quiesce();
        host.close(timeoutNanos);
        adapter.free();
    }
}
