package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static dev.shadowdev.firmware.model.PartitionManagementTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageLoadingTest
{
    private static final int BASE = -1;
    private static final int MAX = 1_048_704;

    private final Firmware firmware = new Firmware(DeviceProfile.aic100(), false);
    private final byte[] image = TestImages.image(WorkloadOp.ECHO, 0, 1, 4096, 0, 0, 1);

    @Test
    void limitsAreTheDocumentedOnes()
    {
        assertEquals(MAX, ImageStaging.MAX_IMAGE_LENGTH);
        assertEquals(16, ImageStaging.MAX_SLOTS_PER_HANDLE);
        assertEquals(16L * MAX, ImageStaging.MAX_STAGED_BYTES_PER_PARTITION);
    }

    @Test
    void chunksAppendStraightFromTheSourceBuffer() throws FirmwareException
    {
        final ByteBuffer host = ByteBuffer.allocateDirect(1000);
        host.put(300, image);
        host.position(7).limit(900);

        firmware.loadImage(BASE, 1, 0, 0, host, 300, 50);
        firmware.loadImage(BASE, 1, 0, 50, host, 350, 50);
        assertEquals(100, firmware.slotLength(BASE, 1, 0));
        firmware.loadImage(BASE, 1, 0, 100, host, 400, 28);

        assertEquals(128, firmware.slotLength(BASE, 1, 0));
        assertEquals(7, host.position());
        assertEquals(900, host.limit());
        assertEquals(0, firmware.activate(BASE, 1, 0).dbcId());
    }

    @Test
    void anOffsetOtherThanTheBytesLoadedIsRefusedAndChangesNothing() throws FirmwareException
    {
        final ByteBuffer src = ByteBuffer.wrap(image);
        firmware.loadImage(BASE, 1, 0, 0, src, 0, 50);

        assertRefused(Errno.EINVAL, "bad offset: offset=40 expected=50",
            () -> firmware.loadImage(BASE, 1, 0, 40, src, 40, 10));
        assertRefused(Errno.EINVAL, "bad offset: offset=60 expected=50",
            () -> firmware.loadImage(BASE, 1, 0, 60, src, 60, 10));
        assertRefused(Errno.EINVAL, "bad offset: offset=18446744073709551615 expected=50",
            () -> firmware.loadImage(BASE, 1, 0, -1, src, 60, 10));
        assertRefused(Errno.EINVAL, "bad offset: offset=10 expected=0",
            () -> firmware.loadImage(BASE, 1, 1, 10, src, 10, 10));

        assertEquals(50, firmware.slotLength(BASE, 1, 0));
        assertEquals(-1, firmware.slotLength(BASE, 1, 1));
    }

    @Test
    void offsetZeroStartsTheSlotOver() throws FirmwareException
    {
        firmware.loadImage(BASE, 1, 0, 0, ByteBuffer.wrap(new byte[300]), 0, 300);

        firmware.loadImage(BASE, 1, 0, 0, ByteBuffer.wrap(image), 0, image.length);

        assertEquals(128, firmware.slotLength(BASE, 1, 0));
        assertEquals(0b1L, firmware.activate(BASE, 1, 0).coreMask());
    }

    @Test
    void theSlotKeepsItsImageAfterActivate() throws FirmwareException
    {
        final WorkloadInfo first = TestImages.activate(firmware, BASE, 1, 0, image);
        final WorkloadInfo second = firmware.activate(BASE, 1, 0);

        assertEquals(0, first.dbcId());
        assertEquals(1, second.dbcId());
    }

    @Test
    void imagesAboveTheLimitAreTooBig() throws FirmwareException
    {
        final ByteBuffer big = ByteBuffer.allocate(MAX + 1);
        firmware.loadImage(BASE, 1, 0, 0, big, 0, MAX - 10);

        assertRefused(Errno.E2BIG, "image too large: size=1048705 max=1048704",
            () -> firmware.loadImage(BASE, 1, 0, MAX - 10, big, 0, 11));
        assertRefused(Errno.E2BIG, "image too large: size=1048705 max=1048704",
            () -> firmware.loadImage(BASE, 1, 1, 0, big, 0, MAX + 1));
        assertEquals(MAX - 10, firmware.slotLength(BASE, 1, 0));
        assertEquals(-1, firmware.slotLength(BASE, 1, 1));

        firmware.loadImage(BASE, 1, 0, MAX - 10, big, 0, 10);
        assertEquals(MAX, firmware.slotLength(BASE, 1, 0));
    }

    @Test
    void aHandleHasAtMostSixteenSlots() throws FirmwareException
    {
        final ByteBuffer src = ByteBuffer.wrap(image);
        for (int slot = 0; slot < 15; slot++)
        {
            firmware.loadImage(BASE, 1, slot, 0, src, 0, 8);
        }
        firmware.loadImage(BASE, 1, 0xFFFF_FFFF, 0, src, 0, 8);

        assertRefused(Errno.ENOSPC, "too many slots: slots=16 max=16",
            () -> firmware.loadImage(BASE, 1, 20, 0, src, 0, 8));

        assertEquals(-1, firmware.slotLength(BASE, 1, 20));
        firmware.loadImage(BASE, 1, 0xFFFF_FFFF, 8, src, 8, 8);
        firmware.loadImage(BASE, 2, 20, 0, src, 0, 8);
        assertEquals(16, firmware.slotLength(BASE, 1, -1));
        assertEquals(8, firmware.slotLength(BASE, 2, 20));
    }

    @Test
    void onePartitionCannotFillAnotherPartitionsStaging() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 1, 0, 0, 0, 1 });
        final ByteBuffer big = ByteBuffer.allocate(MAX);
        for (int slot = 0; slot < 16; slot++)
        {
            firmware.loadImage(a, 1, slot, 0, big, 0, MAX);
        }

        assertRefused(Errno.ENOSPC, "staging full: staged=16779264 length=1 max=16779264",
            () -> firmware.loadImage(a, 2, 0, 0, big, 0, 1));
        assertEquals(-1, firmware.slotLength(a, 2, 0));

        firmware.loadImage(BASE, 2, 0, 0, big, 0, MAX);
        firmware.loadImage(a, 1, 3, 0, big, 0, 100);
        firmware.loadImage(a, 2, 0, 0, big, 0, 1);
        assertEquals(1, firmware.slotLength(a, 2, 0));

        assertEquals(0, firmware.terminate(a, 1));
        firmware.loadImage(a, 2, 0, 1, big, 0, MAX - 1);
        assertEquals(MAX, firmware.slotLength(a, 2, 0));
    }

    @Test
    void aBadSourceRangeIsRefused()
    {
        final ByteBuffer src = ByteBuffer.allocate(100);

        assertRefused(Errno.EINVAL, "bad source range: offset=-1 length=10 limit=100",
            () -> firmware.loadImage(BASE, 1, 0, 0, src, -1, 10));
        assertRefused(Errno.EINVAL, "bad source range: offset=95 length=10 limit=100",
            () -> firmware.loadImage(BASE, 1, 0, 0, src, 95, 10));
        assertRefused(Errno.EINVAL, "bad source range: offset=0 length=-1 limit=100",
            () -> firmware.loadImage(BASE, 1, 0, 0, src, 0, -1));
        assertRefused(Errno.EINVAL, "bad source range: offset=0 length=10 limit=0",
            () -> firmware.loadImage(BASE, 1, 0, 0, null, 0, 10));
        assertEquals(-1, firmware.slotLength(BASE, 1, 0));
    }

    @Test
    void slotsBelongToOnePartitionAndHandle() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 1, 8192, 0, 0, 1 });
        TestImages.load(firmware, a, 1, 0, image);

        assertRefused(Errno.ENOENT, "no image in slot: slot=0", () -> firmware.activate(a, 2, 0));
        assertRefused(Errno.ENOENT, "no image in slot: slot=0", () -> firmware.activate(BASE, 1, 0));
        assertRefused(Errno.ENOENT, "no image in slot: slot=4294967295", () -> firmware.activate(a, 1, -1));
        assertRefused(Errno.ENODEV, "unknown partition: partition=2",
            () -> firmware.loadImage(2, 1, 0, 0, ByteBuffer.wrap(image), 0, 8));
        assertEquals(128, firmware.slotLength(a, 1, 0));
    }

    @Test
    void terminateDropsOnlyTheHandlesSlots() throws FirmwareException
    {
        TestImages.load(firmware, BASE, 1, 0, image);
        TestImages.load(firmware, BASE, 1, 1, image);
        TestImages.load(firmware, BASE, 2, 0, image);

        assertEquals(0, firmware.terminate(BASE, 1));

        assertEquals(-1, firmware.slotLength(BASE, 1, 0));
        assertEquals(-1, firmware.slotLength(BASE, 1, 1));
        assertEquals(128, firmware.slotLength(BASE, 2, 0));
    }

    @Test
    void anIncompleteUploadDoesNotActivate() throws FirmwareException
    {
        firmware.loadImage(BASE, 1, 0, 0, ByteBuffer.wrap(image), 0, 100);
        final Snapshot before = Snapshot.of(firmware);

        assertRefused(Errno.EBADMSG, "image shorter than its header: size=100 header_len=128",
            () -> firmware.activate(BASE, 1, 0));
        assertEquals(before, Snapshot.of(firmware));
    }
}
