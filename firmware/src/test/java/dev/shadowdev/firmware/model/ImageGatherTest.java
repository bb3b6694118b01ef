package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static dev.shadowdev.firmware.model.PartitionManagementTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The model calls the QSM service needs: scattered loads, cutting a slot back, the allocation-free gate. */
class ImageGatherTest
{
    private static final int BASE = -1;

    private final Firmware firmware = new Firmware(DeviceProfile.aic100(), false);
    private final byte[] image = TestImages.image(WorkloadOp.ECHO, 0, 1, 4096, 0, 0, 1);
    private final ByteBuffer host = ByteBuffer.allocateDirect(4096);

    @Test
    void scatteredRangesAreAppendedInOrderAllOrNothing() throws FirmwareException
    {
        host.put(1000, image, 64, 64).put(200, image, 0, 64);

        firmware.loadImage(BASE, 1, 0, 0, host, new int[]{ 200, 1000 }, new int[]{ 64, 64 }, 2);

        assertEquals(128, firmware.slotLength(BASE, 1, 0));
        assertEquals(0, firmware.activate(BASE, 1, 0).dbcId());
        assertRefused(Errno.EINVAL, "bad source range: offset=4090 length=64 limit=4096",
            () -> firmware.loadImage(BASE, 1, 0, 128, host, new int[]{ 0, 4090 }, new int[]{ 8, 64 }, 2));
        assertEquals(128, firmware.slotLength(BASE, 1, 0));
    }

    @Test
    void aSlotIsCutBackButNeverGrown() throws FirmwareException
    {
        host.put(0, image);
        firmware.loadImage(BASE, 1, 3, 0, host, 0, 128);

        firmware.truncateImage(BASE, 1, 3, 40);
        assertEquals(40, firmware.slotLength(BASE, 1, 3));
        firmware.loadImage(BASE, 1, 3, 40, host, 40, 88);
        assertEquals(0, firmware.activate(BASE, 1, 3).dbcId());

        assertRefused(Errno.EINVAL, "bad truncate length: length=300 current=128",
            () -> firmware.truncateImage(BASE, 1, 3, 300));
        assertRefused(Errno.ENOENT, "no image in slot: slot=4", () -> firmware.truncateImage(BASE, 1, 4, 0));
        assertRefused(Errno.ENOENT, "no image in slot: slot=3", () -> firmware.truncateImage(BASE, 2, 3, 0));
    }

    @Test
    void admitIsTheGateOfEveryRequest() throws FirmwareException
    {
        assertEquals(0, firmware.admit(BASE, 1));
        assertEquals(-19, firmware.admit(4, 1));
        final int id = firmware.createPartition(BASE, 1, "p", new long[]{ 1, 0, 0, 0, 1 });
        assertEquals(0, firmware.admit(id, 1));
        firmware.crash();
        assertEquals(-5, firmware.admit(BASE, 1));
        assertEquals(false, firmware.crcRequired());
    }
}
