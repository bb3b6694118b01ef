package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.SharedRegion;

/**
 * What the firmware plugs into a channel of the {@link MhiDevice}. Runs on the device thread (inside
 * {@link MhiDevice#doWork()}); it may call {@link MhiDevice#send} but must not block.
 */
public interface DeviceChannelHandler
{
    /**
     * A whole message arrived on a to-device (even) channel. The segments point into host memory and are only
     * valid during the call; the device completes the host's buffers after it returns.
     *
     * @param channel the channel.
     * @param region  the shared region the segments point into.
     * @param message the message's segments.
     */
    void onMessage(int channel, SharedRegion region, MessageSegments message);

    /**
     * A send on this from-device (odd) channel may now succeed: the host queued buffers on it, or freed event
     * ring space after a send was refused with -EAGAIN.
     *
     * @param channel the channel.
     */
    default void onCanSend(final int channel)
    {
    }
}
