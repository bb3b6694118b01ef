package dev.shadowdev.firmware.model;

import dev.shadowdev.image.WorkloadImageWriter;

import java.nio.ByteBuffer;

/** Builds images and pushes them through DMA_XFER + ACTIVATE for the model tests. */
final class TestImages
{
    private TestImages()
    {
    }

    /**
     * @return a valid image with no payload (128 bytes) running {@code op}.
     */
    static byte[] image(final int op, final int opArg, final long... needs)
    {
        return new WorkloadImageWriter().name("wl").needs(needs).op(op).opArg(opArg).toBytes();
    }

    static void load(final Firmware firmware, final int partition, final int handle, final int slot, final byte[] image)
        throws FirmwareException
    {
        firmware.loadImage(partition, handle, slot, 0, ByteBuffer.wrap(image), 0, image.length);
    }

    static WorkloadInfo activate(
        final Firmware firmware, final int partition, final int handle, final int slot, final byte[] image)
        throws FirmwareException
    {
        load(firmware, partition, handle, slot, image);
        return firmware.activate(partition, handle, slot);
    }
}
