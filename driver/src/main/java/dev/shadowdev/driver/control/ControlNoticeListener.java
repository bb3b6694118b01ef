package dev.shadowdev.driver.control;

import dev.shadowdev.wire.WireBuffer;

/**
 * Gets the control messages the card sends unasked (a {@code PARTITION_NOTICE_FROM_DEV} first in the message,
 * ABI.md 6), which {@link ControlAdapter} routes here instead of to the {@link ControlClient}: they answer no request,
 * so they are neither late, unmatched nor protocol errors.
 * <p>
 * Called on the thread that delivers control answers (the transport's event thread, under the adapter's monitor),
 * after the message passed validation (magic, lengths, CRC when required, framing); must not block.
 */
@FunctionalInterface
public interface ControlNoticeListener
{
    /**
     * @param message the whole message at index 0 (header first); valid only during the call.
     * @param length  its length.
     */
    void onNotice(WireBuffer message, int length);
}
