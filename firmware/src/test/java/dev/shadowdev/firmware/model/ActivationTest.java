package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowdev.firmware.model.DeviceProfile.GIB;
import static dev.shadowdev.firmware.model.PartitionManagementTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivationTest
{
    private static final int BASE = -1;

    private final Firmware firmware = new Firmware(DeviceProfile.aic100(), true);

    @Test
    void activateAssignsTheLowestFreeCoresAndChannels() throws FirmwareException
    {
        final WorkloadInfo first = TestImages.activate(
            firmware, BASE, 1, 0, TestImages.image(WorkloadOp.XOR8, 0x7f, 2, 4096, 1, 1, 1));
        final WorkloadInfo second = TestImages.activate(
            firmware, BASE, 1, 1, TestImages.image(WorkloadOp.CRC32C, 0, 1, 128, 0, 0, 2));

        assertEquals(new WorkloadInfo(BASE, 1, 0, "wl", WorkloadOp.XOR8, 0x7f,
            ResourceVector.of(2, 4096, 1, 1, 1), 0b11L, 0b1L), first);
        assertEquals(new WorkloadInfo(BASE, 1, 1, "wl", WorkloadOp.CRC32C, 0,
            ResourceVector.of(1, 128, 0, 0, 2), 0b100L, 0b110L), second);
        assertEquals(List.of(first, second), firmware.queryWorkloads(BASE, 1));
        assertEquals(ResourceVector.of(3, 4224, 1, 1, 3), firmware.queryPool(BASE, 1).used());
        assertEquals(ResourceVector.of(13, 32 * GIB - 4224, 31, 63, 13), firmware.queryPool(BASE, 1).free());
    }

    @Test
    void globalWorkloadsUseOnlyUnreservedUnits() throws FirmwareException
    {
        firmware.createPartition(BASE, 1, "a", new long[]{ 4, GIB, 0, 0, 2 });

        final WorkloadInfo workload = TestImages.activate(
            firmware, BASE, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));

        assertEquals(0b1_0000L, workload.coreMask());
        assertEquals(2, workload.dbcId());
    }

    @Test
    void partitionWorkloadsUseOnlyThePartitionsUnits() throws FirmwareException
    {
        firmware.createPartition(BASE, 1, "a", new long[]{ 2, GIB, 0, 0, 2 });
        final int b = firmware.createPartition(BASE, 1, "b", new long[]{ 2, GIB, 0, 0, 2 });

        final WorkloadInfo workload = TestImages.activate(
            firmware, b, 7, 0, TestImages.image(WorkloadOp.ECHO, 0, 2, 128, 0, 0, 1));

        assertEquals(new WorkloadInfo(b, 7, 2, "wl", WorkloadOp.ECHO, 0,
            ResourceVector.of(2, 128, 0, 0, 1), 0b1100L, 0b100L), workload);
        assertEquals(ResourceVector.of(2, 128, 0, 0, 1), firmware.queryPool(b, 7).used());
        assertEquals(ResourceVector.ZERO, firmware.queryPool(BASE, 7).used());
        assertEquals(1, firmware.queryPartitions(b, 7).get(0).activeWorkloads());
    }

    @Test
    void aShortPartitionRefusesWithTheShortMaskEvenWhenTheDeviceHasRoom() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 2, 1000, 1, 1, 2 });
        TestImages.load(firmware, a, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 3, 2000, 1, 2, 1));
        final Snapshot before = Snapshot.of(firmware);

        final FirmwareException ex = assertRefused(Errno.ENOSPC,
            "not enough resources: short_mask=0x0b short=cores,memory,semaphores", () -> firmware.activate(a, 1, 0));

        assertEquals(0x0b, ex.shortMask());
        assertEquals(before, Snapshot.of(firmware));
    }

    @Test
    void activationIsAllOrNothing() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 4, GIB, 0, 0, 2 });
        TestImages.activate(firmware, a, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));
        TestImages.load(firmware, a, 1, 1, TestImages.image(WorkloadOp.ECHO, 0, 2, 128, 0, 0, 2));
        final Snapshot before = Snapshot.of(firmware);

        final FirmwareException ex = assertRefused(Errno.ENOSPC,
            "not enough resources: short_mask=0x10 short=dma_channels", () -> firmware.activate(a, 1, 1));

        assertEquals(0x10, ex.shortMask());
        assertEquals(before, Snapshot.of(firmware));
        assertEquals(ResourceVector.of(3, GIB - 128, 0, 0, 1), firmware.queryPool(a, 1).free());
    }

    @Test
    void theGlobalPoolDoesNotBorrowFromPartitions() throws FirmwareException
    {
        firmware.createPartition(BASE, 1, "a", new long[]{ 15, GIB, 0, 0, 1 });
        TestImages.load(firmware, BASE, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 2, 128, 0, 0, 1));

        final FirmwareException ex = assertRefused(Errno.ENOSPC,
            "not enough resources: short_mask=0x01 short=cores", () -> firmware.activate(BASE, 1, 0));

        assertEquals(0x01, ex.shortMask());
    }

    @Test
    void aMalformedImageIsRefusedAndChangesNothing() throws FirmwareException
    {
        TestImages.load(firmware, BASE, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 0, 128, 0, 0, 1));
        TestImages.load(firmware, BASE, 1, 1, TestImages.image(9, 0, 1, 128, 0, 0, 1));
        final Snapshot before = Snapshot.of(firmware);

        assertRefused(Errno.EBADMSG, "image needs no cores: needs[0]=0", () -> firmware.activate(BASE, 1, 0));
        assertRefused(Errno.EBADMSG, "unknown image op: op=9", () -> firmware.activate(BASE, 1, 1));
        assertEquals(before, Snapshot.of(firmware));
    }

    @Test
    void needsAboveTheDeviceAreShortNotMalformed() throws FirmwareException
    {
        TestImages.load(firmware, BASE, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 100, 128, 0, 0, 100));

        final FirmwareException ex = assertRefused(Errno.ENOSPC,
            "not enough resources: short_mask=0x11 short=cores,dma_channels", () -> firmware.activate(BASE, 1, 0));

        assertEquals(0x11, ex.shortMask());
    }

    @Test
    void deactivateFreesTheWorkload() throws FirmwareException
    {
        final WorkloadInfo workload = TestImages.activate(
            firmware, BASE, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 3, 4096, 2, 2, 2));

        firmware.deactivate(BASE, 1, workload.dbcId());

        assertEquals(List.of(), firmware.queryWorkloads(BASE, 1));
        assertEquals(ResourceVector.ZERO, firmware.queryPool(BASE, 1).used());
        assertRefused(Errno.ENOENT, "no workload on dbc: dbc_id=0", () -> firmware.deactivate(BASE, 1, 0));
    }

    @Test
    void nobodyButTheOwnerCanTouchAWorkload() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 2, GIB, 0, 0, 2 });
        TestImages.activate(firmware, BASE, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 2));
        TestImages.activate(firmware, a, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));
        final Snapshot before = Snapshot.of(firmware);

        assertRefused(Errno.EACCES, "dbc not owned by requester: dbc_id=2 partition=-1 handle=2",
            () -> firmware.deactivate(BASE, 2, 2));
        assertRefused(Errno.EACCES, "dbc not owned by requester: dbc_id=2 partition=1 handle=1",
            () -> firmware.deactivate(a, 1, 2));
        assertRefused(Errno.EACCES, "dbc not owned by requester: dbc_id=0 partition=-1 handle=1",
            () -> firmware.deactivate(BASE, 1, 0));
        assertRefused(Errno.ENOENT, "no workload on dbc: dbc_id=3", () -> firmware.deactivate(BASE, 1, 3));
        assertRefused(Errno.ENOENT, "no workload on dbc: dbc_id=5", () -> firmware.deactivate(a, 1, 5));
        assertRefused(Errno.EINVAL, "bad dbc_id: dbc_id=16 max=15", () -> firmware.deactivate(BASE, 1, 16));
        assertRefused(Errno.EINVAL, "bad dbc_id: dbc_id=4294967295 max=15", () -> firmware.deactivate(BASE, 1, -1));
        assertRefused(Errno.ENODEV, "unknown partition: partition=2", () -> firmware.deactivate(2, 1, 2));

        assertEquals(before, Snapshot.of(firmware));
    }

    @Test
    void terminateFreesEverythingTheHandleOwnsInThatPartitionOnly() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 4, GIB, 0, 0, 4 });
        final byte[] image = TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1);
        TestImages.activate(firmware, BASE, 1, 0, image);
        firmware.activate(BASE, 1, 0);
        final WorkloadInfo otherHandle = TestImages.activate(firmware, BASE, 2, 0, image);
        final WorkloadInfo sameHandleInA = TestImages.activate(firmware, a, 1, 0, image);

        assertEquals(2, firmware.terminate(BASE, 1));

        assertEquals(List.of(sameHandleInA, otherHandle), firmware.queryWorkloads(BASE, 1));
        assertEquals(ResourceVector.of(1, 128, 0, 0, 1), firmware.queryPool(BASE, 1).used());
        assertEquals(0, firmware.terminate(BASE, 1));
        assertEquals(1, firmware.terminate(a, 1));
        assertEquals(List.of(otherHandle), firmware.queryWorkloads(BASE, 1));
        assertRefused(Errno.ENODEV, "unknown partition: partition=5", () -> firmware.terminate(5, 1));
    }

    @Test
    void aShadowRequestNeverSeesGlobalOrOtherPartitionsWorkloads() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, 1, "a", new long[]{ 2, GIB, 0, 0, 2 });
        final int b = firmware.createPartition(BASE, 1, "b", new long[]{ 2, GIB, 0, 0, 2 });
        final byte[] image = TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1);
        TestImages.activate(firmware, BASE, 1, 0, image);
        final WorkloadInfo inB = TestImages.activate(firmware, b, 1, 0, image);
        final WorkloadInfo inA = TestImages.activate(firmware, a, 1, 0, image);

        assertEquals(List.of(inA), firmware.queryWorkloads(a, 1));
        assertEquals(List.of(inB), firmware.queryWorkloads(b, 1));
        assertEquals(1, firmware.terminate(a, 1));
        assertEquals(2, firmware.queryWorkloads(BASE, 1).size());
    }
}
