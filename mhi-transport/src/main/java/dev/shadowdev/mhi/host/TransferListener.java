package dev.shadowdev.mhi.host;

/**
 * Receives the fate of every buffer queued on one channel of the {@link MhiHost}, in queue order. Runs on the
 * thread processing events (a {@link MhiHost#doWork()} caller or the interrupt); must not block and must not call
 * the blocking {@link MhiHost} methods (power, channel commands).
 */
public interface TransferListener
{
    /**
     * The device completed a buffer.
     * <p>
     * One event may complete several buffers (everything up to the element it names, as Linux
     * {@code parse_xfer_event} does); all of them get the event's code, the last one the event's length, the
     * others their whole buffer length.
     *
     * @param channel       the channel.
     * @param trePointer    bus address of the transfer element that described the buffer.
     * @param bufferAddress bus address of the buffer.
     * @param length        bytes transferred: for a to-device buffer the bytes the device consumed, for a
     *                      from-device buffer the bytes it wrote.
     * @param code          completion code: EOT (message ends here), OVERFLOW (from-device message continues in
     *                      the next buffer), EOB, BAD_TRE, UNDEFINED_ERR (see {@link dev.shadowdev.mhi.CompletionCode}).
     */
    void onTransfer(int channel, long trePointer, long bufferAddress, int length, int code);

    /**
     * A buffer queued but never completed was taken back by a channel reset or a transport reset; the device will
     * not touch it any more. The driver fails whatever waited on it (EIO).
     *
     * @param channel       the channel.
     * @param trePointer    bus address of the transfer element that described the buffer.
     * @param bufferAddress bus address of the buffer.
     * @param length        the buffer's length.
     */
    void onAbort(int channel, long trePointer, long bufferAddress, int length);
}
