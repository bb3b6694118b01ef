package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static dev.shadowdev.firmware.model.PartitionManagementTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirmwareLifecycleTest
{
    private static final int BASE = -1;
    private static final String NOT_RUNNING = "firmware not running: state=SYS_ERR";

    @Test
    void statusReportsVersionFiveZeroAndTheCrcFlag() throws FirmwareException
    {
        final StatusReport required = new Firmware(DeviceProfile.aic100(), true).status(BASE, 1);
        final StatusReport optional = new Firmware(DeviceProfile.aic100(), false).status(BASE, 1);

        assertEquals(new StatusReport(5, 0, 1L), required);
        assertTrue(required.crcRequired());
        assertEquals(new StatusReport(5, 0, 0L), optional);
        assertFalse(optional.crcRequired());
        assertTrue(new Firmware().status(BASE, 1).crcRequired());
        assertEquals("aic100", new Firmware().profile().name());
    }

    @Test
    void statusFromAnUnknownPartitionIsEnodev()
    {
        final Firmware firmware = new Firmware();

        assertRefused(Errno.ENODEV, "unknown partition: partition=3", () -> firmware.status(3, 1));
    }

    @Test
    void theStateTableAllowsOnlyTheDrawnMoves()
    {
        final String expected =
            "RESET->RUNNING " +
            "RUNNING->RESET RUNNING->SYS_ERR " +
            "SYS_ERR->RESET ";
        final StringBuilder allowed = new StringBuilder();
        for (final FirmwareState from : FirmwareState.values())
        {
            for (final FirmwareState to : FirmwareState.values())
            {
                if (from.canMoveTo(to))
                {
                    allowed.append(from).append("->").append(to).append(' ');
                }
            }
        }
        assertEquals(expected, allowed.toString());
    }

    @Test
    void aCrashedFirmwareRefusesEveryRequestWithEio() throws FirmwareException
    {
        final Firmware firmware = new Firmware();
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 1, 4096, 0, 0, 1 });
        final byte[] image = TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1);
        final int dbc = TestImages.activate(firmware, a, 1, 0, image).dbcId();

        assertEquals(FirmwareState.RUNNING, firmware.state());
        assertEquals(FirmwareState.SYS_ERR, firmware.crash());
        assertEquals(FirmwareState.SYS_ERR, firmware.crash());

        assertEquals(FirmwareState.SYS_ERR, firmware.state());
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.status(BASE, 1));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.createPartition(BASE, 1, "b", new long[]{ 1, 0, 0, 0, 1 }));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.destroyPartition(BASE, 1, a, true));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.validatePartition(BASE, 1, a));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.queryPartitions(BASE, 1));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.queryPool(a, 1));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.queryWorkloads(BASE, 1));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.loadImage(a, 1, 0, 0, ByteBuffer.wrap(image), 0, 8));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.activate(a, 1, 0));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.deactivate(a, 1, dbc));
        assertRefused(Errno.EIO, NOT_RUNNING, () -> firmware.terminate(a, 1));
        assertEquals(-5, firmware.execute(a, 1, dbc, ByteBuffer.allocate(4), 0, 4, ByteBuffer.allocate(4), 0, 4));
        assertEquals(128, firmware.slotLength(a, 1, 0));
    }

    @Test
    void resetLosesEverythingAndRestartsIds() throws FirmwareException
    {
        final Firmware firmware = new Firmware();
        firmware.createPartition(BASE, 1, "a", new long[]{ 1, 4096, 0, 0, 1 });
        final int b = firmware.createPartition(BASE, 1, "b", new long[]{ 2, 4096, 0, 0, 1 });
        final int dbc = TestImages.activate(
            firmware, b, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1)).dbcId();
        TestImages.load(firmware, BASE, 4, 2, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));
        assertEquals(4, firmware.execute(b, 1, dbc, ByteBuffer.allocate(4), 0, 4, ByteBuffer.allocate(4), 0, 4));
        firmware.crash();

        assertEquals(FirmwareState.RUNNING, firmware.reset());

        assertEquals(FirmwareState.RUNNING, firmware.state());
        assertEquals(List.of(), firmware.queryPartitions(BASE, 1));
        assertEquals(List.of(), firmware.queryWorkloads(BASE, 1));
        assertEquals(new PoolSnapshot(firmware.profile().capacity(), firmware.profile().capacity(), ResourceVector.ZERO,
            0xFFFFL, 0xFFFFL), firmware.queryPool(BASE, 1));
        assertEquals(0, firmware.coreExecutions(1));
        assertEquals(-1, firmware.slotLength(BASE, 4, 2));
        assertEquals(-1, firmware.slotLength(b, 1, 0));
        assertRefused(Errno.ENODEV, "unknown partition: partition=2", () -> firmware.queryPool(b, 1));
        assertEquals(1, firmware.createPartition(BASE, 1, "b", new long[]{ 1, 0, 0, 0, 1 }));
    }

    @Test
    void resetWhileRunningAlsoStartsOver() throws FirmwareException
    {
        final Firmware firmware = new Firmware();
        firmware.createPartition(BASE, 1, "a", new long[]{ 1, 0, 0, 0, 1 });

        assertEquals(FirmwareState.RUNNING, firmware.reset());

        assertEquals(1, firmware.createPartition(BASE, 1, "a", new long[]{ 1, 0, 0, 0, 1 }));
    }

    @Test
    void shortageMessageNamesEachShortResource()
    {
        final FirmwareException ex = FirmwareException.shortage(0b10100);

        assertEquals(Errno.ENOSPC, ex.errno());
        assertEquals(0b10100, ex.shortMask());
        assertEquals(-28, ex.status());
        assertEquals("not enough resources: short_mask=0x14 short=bus_replicators,dma_channels", ex.getMessage());
    }
}
