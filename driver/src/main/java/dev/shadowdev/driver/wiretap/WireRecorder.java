package dev.shadowdev.driver.wiretap;

import dev.shadowdev.driver.trace.PcapTraceWriter;
import dev.shadowdev.driver.trace.TracePseudoHeaderDescriptor;

import java.nio.ByteBuffer;

/**
 * Fans one crossing out to the pcap trace (when configured) and the optional tap: the single place the driver
 * records wire traffic. Allocates nothing.
 */
public final class WireRecorder
{
    private final PcapTraceWriter trace;
    private final WireTap tap;

    /**
     * @param trace pcap writer, or null.
     * @param tap   extra tap, or null.
     */
    public WireRecorder(final PcapTraceWriter trace, final WireTap tap)
    {
        this.trace = trace;
        this.tap = tap;
    }

    /** @return true when somebody listens (lets callers skip work). */
    public boolean enabled()
    {
        return trace != null || tap != null;
    }

    /** A control message, host to device, on {@code channel}. */
    public void controlToDevice(final int channel, final ByteBuffer src, final int offset, final int length)
    {
        record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE, TracePseudoHeaderDescriptor.KIND_CONTROL, channel, src,
            offset, length);
    }

    /** A control message, device to host, on {@code channel}. */
    public void controlFromDevice(final int channel, final ByteBuffer src, final int offset, final int length)
    {
        record(TracePseudoHeaderDescriptor.DEVICE_TO_HOST, TracePseudoHeaderDescriptor.KIND_CONTROL, channel, src,
            offset, length);
    }

    /** A DMA bridge request element the host wrote for {@code dbc}. */
    public void dbcRequest(final int dbc, final ByteBuffer src, final int offset, final int length)
    {
        record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE, TracePseudoHeaderDescriptor.KIND_DBC_REQUEST, dbc, src,
            offset, length);
    }

    /** A DMA bridge response element the device wrote for {@code dbc}. */
    public void dbcResponse(final int dbc, final ByteBuffer src, final int offset, final int length)
    {
        record(TracePseudoHeaderDescriptor.DEVICE_TO_HOST, TracePseudoHeaderDescriptor.KIND_DBC_RESPONSE, dbc, src,
            offset, length);
    }

    /** Write buffered pcap records to the file. */
    public void flush()
    {
        if (trace != null)
        {
            trace.flush();
        }
    }

    /** Flush and close the pcap trace. */
    public void close()
    {
        if (trace != null)
        {
            trace.close();
        }
    }

    private void record(
        final int direction, final int kind, final int channel, final ByteBuffer src, final int offset, final int length)
    {
        if (trace != null)
        {
            trace.record(direction, kind, channel, src, offset, length);
        }
        if (tap != null)
        {
            tap.onWire(direction, kind, channel, src, offset, length);
        }
    }
}
