package dev.shadowdev.driver.wiretap;

import java.nio.ByteBuffer;

/**
 * Sees every message that crosses the transport, exactly as it crossed (ABI.md section 5): control messages in both
 * directions and DMA bridge request and response elements. The pcap trace is one tap; tests and tools can add their
 * own ({@link dev.shadowdev.driver.options.DriverOptions}). Called on the driver's and the transport's threads, possibly
 * concurrently; must not block and must not keep {@code src}.
 */
@FunctionalInterface
public interface WireTap
{
    /**
     * @param direction {@code 0} host to device, {@code 1} device to host
     *                  ({@link dev.shadowdev.driver.trace.TracePseudoHeaderDescriptor}).
     * @param kind      {@code 0} control, {@code 1} DBC request element, {@code 2} DBC response element.
     * @param channel   MHI channel for control, DBC id otherwise.
     * @param src       the bytes; absolute indexes, position and limit untouched.
     * @param offset    first byte.
     * @param length    bytes.
     */
    void onWire(int direction, int kind, int channel, ByteBuffer src, int offset, int length);
}
