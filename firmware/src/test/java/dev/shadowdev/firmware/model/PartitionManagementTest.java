package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowdev.firmware.model.DeviceProfile.GIB;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartitionManagementTest
{
    private static final int BASE = -1;
    private static final int HANDLE = 1;

    private final Firmware firmware = new Firmware(DeviceProfile.aic100(), true);

    @Test
    void createGivesIdsFromOneAndTheLowestFreeUnits() throws FirmwareException
    {
        assertEquals(1, firmware.createPartition(BASE, HANDLE, "a", new long[]{ 2, GIB, 1, 2, 2 }));
        assertEquals(2, firmware.createPartition(BASE, HANDLE, "b", new long[]{ 3, 2 * GIB, 0, 0, 1 }));

        assertEquals(List.of(
            new PartitionInfo(1, "a", ResourceVector.of(2, GIB, 1, 2, 2), ResourceVector.ZERO, 0, 0b11L, 0b11L),
            new PartitionInfo(2, "b", ResourceVector.of(3, 2 * GIB, 0, 0, 1), ResourceVector.ZERO, 0, 0b11100L,
                0b100L)),
            firmware.queryPartitions(BASE, HANDLE));
        assertEquals(new PoolSnapshot(
            ResourceVector.of(16, 32 * GIB, 32, 64, 16),
            ResourceVector.of(11, 29 * GIB, 31, 62, 13),
            ResourceVector.ZERO,
            0xFFE0L,
            0xFFF8L), firmware.queryPool(BASE, HANDLE));
    }

    @Test
    void idsAreNeverReusedButUnitsAre() throws FirmwareException
    {
        firmware.createPartition(BASE, HANDLE, "a", new long[]{ 2, 0, 0, 0, 1 });
        firmware.createPartition(BASE, HANDLE, "b", new long[]{ 1, 0, 0, 0, 1 });
        firmware.destroyPartition(BASE, HANDLE, 1, false);

        assertEquals(3, firmware.createPartition(BASE, HANDLE, "c", new long[]{ 3, 0, 0, 0, 2 }));

        final PartitionInfo c = firmware.queryPartitions(3, HANDLE).get(0);
        assertEquals(0b1011L, c.coreMask());
        assertEquals(0b101L, c.dmaMask());
        firmware.destroyPartition(BASE, HANDLE, 3, false);
        assertEquals(4, firmware.createPartition(BASE, HANDLE, "c", new long[]{ 1, 0, 0, 0, 1 }));
    }

    @Test
    void zeroCountedResourcesAreAllowed() throws FirmwareException
    {
        final int id = firmware.createPartition(BASE, HANDLE, "bare", new long[]{ 1, 0, 0, 0, 1 });

        assertEquals(ResourceVector.of(1, 0, 0, 0, 1), firmware.queryPool(id, HANDLE).total());
    }

    @Test
    void createThatDoesNotFitNamesEachShortResourceAndChangesNothing() throws FirmwareException
    {
        firmware.createPartition(BASE, HANDLE, "big", new long[]{ 15, GIB, 0, 0, 1 });
        final Snapshot before = Snapshot.of(firmware);

        final FirmwareException two = assertRefused(Errno.ENOSPC,
            "not enough resources: short_mask=0x03 short=cores,memory",
            () -> firmware.createPartition(BASE, HANDLE, "x", new long[]{ 2, 32 * GIB, 0, 0, 1 }));
        assertEquals(0x03, two.shortMask());
        final FirmwareException all = assertRefused(Errno.ENOSPC,
            "not enough resources: short_mask=0x1f short=cores,memory,bus_replicators,semaphores,dma_channels",
            () -> firmware.createPartition(BASE, HANDLE, "x", new long[]{ 2, 32 * GIB, 33, 65, 16 }));
        assertEquals(0x1f, all.shortMask());
        final FirmwareException dma = assertRefused(Errno.ENOSPC,
            "not enough resources: short_mask=0x10 short=dma_channels",
            () -> firmware.createPartition(BASE, HANDLE, "x", new long[]{ 1, 0, 0, 0, 16 }));
        assertEquals(0x10, dma.shortMask());

        assertEquals(before, Snapshot.of(firmware));
        assertEquals(2, firmware.createPartition(BASE, HANDLE, "x", new long[]{ 1, 0, 0, 0, 15 }));
    }

    @Test
    void partitionNamesMustBeShortPrintableAndUnique() throws FirmwareException
    {
        assertBadName("partition name empty: bytes=0", "");
        assertBadName("partition name empty: bytes=0", null);
        assertBadName("partition name too long: bytes=32 max=31", "x".repeat(32));
        assertBadName("partition name too long: bytes=32 max=31", "é".repeat(16));
        assertBadName("bad partition name char: codepoint=0x00 index=1", "a\0b");
        assertBadName("bad partition name char: codepoint=0x0a index=2", "ab\nc");
        assertBadName("bad partition name char: codepoint=0x7f index=0", "\u007f");
        assertBadName("bad partition name char: codepoint=0x85 index=0", "\u0085");
        assertBadName("bad partition name char: codepoint=0x2f index=1", "a/b");
        assertBadName("bad partition name char: codepoint=0x200b index=1", "a\u200bb");
        assertBadName("bad partition name char: codepoint=0xd800 index=2", "ab\ud800");
        assertBadName("bad partition name char: codepoint=0xe000 index=1", "é\ue000");
        assertBadName("bad partition name: name=.", ".");
        assertBadName("bad partition name: name=..", "..");

        assertEquals(1, firmware.createPartition(BASE, HANDLE, "x".repeat(31), new long[]{ 1, 0, 0, 0, 1 }));
        assertEquals(2, firmware.createPartition(BASE, HANDLE, "größe team.a-1", new long[]{ 1, 0, 0, 0, 1 }));
        assertEquals(3, firmware.createPartition(BASE, HANDLE, "\ud83d\ude80", new long[]{ 1, 0, 0, 0, 1 }));
        assertRefused(Errno.EEXIST, "partition name in use: name=größe team.a-1",
            () -> firmware.createPartition(BASE, HANDLE, "größe team.a-1", new long[]{ 1, 0, 0, 0, 1 }));

        firmware.destroyPartition(BASE, HANDLE, 2, false);
        assertEquals(4, firmware.createPartition(BASE, HANDLE, "größe team.a-1", new long[]{ 1, 0, 0, 0, 1 }));
    }

    @Test
    void resourceVectorsAreChecked()
    {
        assertBadVector("bad resource vector: length=0", null);
        assertBadVector("bad resource vector: length=4", new long[]{ 1, 1, 1, 1 });
        assertBadVector("resource out of range: res[1]=18446744073709551615", new long[]{ 1, -1, 0, 0, 1 });
        assertBadVector("resource out of range: res[4]=9223372036854775808", new long[]{ 1, 0, 0, 0, Long.MIN_VALUE });
        assertBadVector("partition needs cores: res[0]=0", new long[]{ 0, 1, 1, 1, 1 });
        assertBadVector("partition needs dma channels: res[4]=0", new long[]{ 1, 1, 1, 1, 0 });
        assertBadVector("partition needs cores: res[0]=0", new long[5]);
    }

    @Test
    void onlyTheBaseNodeManagesPartitions() throws FirmwareException
    {
        final int id = firmware.createPartition(BASE, HANDLE, "a", new long[]{ 1, 0, 0, 0, 1 });
        final Snapshot before = Snapshot.of(firmware);

        assertRefused(Errno.EPERM, "partition management needs the base node: partition=1",
            () -> firmware.createPartition(id, HANDLE, "b", new long[]{ 1, 0, 0, 0, 1 }));
        assertRefused(Errno.EPERM, "partition management needs the base node: partition=1",
            () -> firmware.destroyPartition(id, HANDLE, id, true));
        assertRefused(Errno.ENODEV, "unknown partition: partition=9",
            () -> firmware.createPartition(9, HANDLE, "b", new long[]{ 1, 0, 0, 0, 1 }));
        assertEquals(before, Snapshot.of(firmware));
    }

    @Test
    void destroyRefusesUnknownIdsAndBusyPartitions() throws FirmwareException
    {
        final int id = firmware.createPartition(BASE, HANDLE, "a", new long[]{ 4, GIB, 0, 0, 4 });
        TestImages.activate(firmware, id, 5, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));
        TestImages.activate(firmware, id, 6, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));
        final Snapshot before = Snapshot.of(firmware);

        assertRefused(Errno.ENOENT, "no such partition: id=7", () -> firmware.destroyPartition(BASE, HANDLE, 7, true));
        assertRefused(Errno.ENOENT, "no such partition: id=-1", () -> firmware.destroyPartition(BASE, HANDLE, -1, true));
        assertRefused(Errno.EBUSY, "partition has active workloads: id=1 workloads=2",
            () -> firmware.destroyPartition(BASE, HANDLE, id, false));
        assertEquals(before, Snapshot.of(firmware));
        assertEquals(128, firmware.slotLength(id, 5, 0));
    }

    @Test
    void forcedDestroyTakesEverythingInThePartition() throws FirmwareException
    {
        final int id = firmware.createPartition(BASE, HANDLE, "a", new long[]{ 4, GIB, 0, 0, 4 });
        final int other = firmware.createPartition(BASE, HANDLE, "b", new long[]{ 1, GIB, 0, 0, 1 });
        TestImages.activate(firmware, id, 5, 0, TestImages.image(WorkloadOp.ECHO, 0, 2, 128, 0, 0, 1));
        TestImages.activate(firmware, id, 6, 3, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 2));
        final WorkloadInfo kept = TestImages.activate(
            firmware, other, 5, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));

        assertEquals(2, firmware.destroyPartition(BASE, HANDLE, id, true));

        assertEquals(List.of(kept), firmware.queryWorkloads(BASE, HANDLE));
        assertEquals(-1, firmware.slotLength(id, 5, 0));
        assertEquals(-1, firmware.slotLength(id, 6, 3));
        assertEquals(128, firmware.slotLength(other, 5, 0));
        assertEquals(ResourceVector.of(15, 31 * GIB, 32, 64, 15), firmware.queryPool(BASE, HANDLE).free());
        assertRefused(Errno.ENODEV, "unknown partition: partition=1", () -> firmware.queryPool(id, 5));
    }

    @Test
    void destroyWithoutWorkloadsDropsTheSlotsToo() throws FirmwareException
    {
        final int id = firmware.createPartition(BASE, HANDLE, "a", new long[]{ 1, GIB, 0, 0, 1 });
        TestImages.load(firmware, id, 5, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));

        assertEquals(0, firmware.destroyPartition(BASE, HANDLE, id, false));

        assertEquals(-1, firmware.slotLength(id, 5, 0));
    }

    @Test
    void aShadowNodeSeesOnlyItsOwnPartitionAndPool() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, HANDLE, "a", new long[]{ 2, GIB, 1, 1, 2 });
        final int b = firmware.createPartition(BASE, HANDLE, "b", new long[]{ 1, GIB, 0, 0, 1 });
        TestImages.activate(firmware, a, 5, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, 256, 1, 0, 1));

        assertEquals(List.of(new PartitionInfo(a, "a", ResourceVector.of(2, GIB, 1, 1, 2),
            ResourceVector.of(1, 256, 1, 0, 1), 1, 0b11L, 0b11L)), firmware.queryPartitions(a, 9));
        assertEquals(List.of(b), firmware.queryPartitions(b, 9).stream().map(PartitionInfo::id).toList());
        assertEquals(2, firmware.queryPartitions(BASE, 9).size());
        assertEquals(new PoolSnapshot(ResourceVector.of(2, GIB, 1, 1, 2), ResourceVector.of(1, GIB - 256, 0, 1, 1),
            ResourceVector.of(1, 256, 1, 0, 1), 0b11L, 0b11L), firmware.queryPool(a, 9));
        assertEquals(ResourceVector.ZERO, firmware.queryPool(BASE, 9).used());
        assertEquals(List.of(), firmware.queryWorkloads(b, 9));
        assertEquals(1, firmware.queryWorkloads(a, 9).size());
    }

    @Test
    void validateAnswersForLivePartitionsOnly() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, HANDLE, "a", new long[]{ 1, 0, 0, 0, 1 });
        final int b = firmware.createPartition(BASE, HANDLE, "b", new long[]{ 1, 0, 0, 0, 1 });
        firmware.destroyPartition(BASE, HANDLE, b, false);

        assertDoesNotThrow(() -> firmware.validatePartition(BASE, HANDLE, a));
        assertDoesNotThrow(() -> firmware.validatePartition(a, HANDLE, a));
        assertRefused(Errno.ENOENT, "no such partition: id=2", () -> firmware.validatePartition(BASE, HANDLE, b));
        assertRefused(Errno.ENOENT, "no such partition: id=-1", () -> firmware.validatePartition(BASE, HANDLE, -1));
        assertRefused(Errno.ENOENT, "no such partition: id=0", () -> firmware.validatePartition(BASE, HANDLE, 0));
        final int c = firmware.createPartition(BASE, HANDLE, "c", new long[]{ 1, 0, 0, 0, 1 });
        assertRefused(Errno.ENOENT, "no such partition: id=3", () -> firmware.validatePartition(a, HANDLE, c));
        assertRefused(Errno.ENODEV, "unknown partition: partition=2", () -> firmware.validatePartition(b, HANDLE, b));
    }

    private void assertBadName(final String message, final String name)
    {
        assertRefused(Errno.EINVAL, message, () -> firmware.createPartition(BASE, HANDLE, name, new long[]{ 1, 0, 0, 0, 1 }));
    }

    private void assertBadVector(final String message, final long[] resources)
    {
        final Snapshot before = Snapshot.of(firmware);
        assertRefused(Errno.EINVAL, message, () -> firmware.createPartition(BASE, HANDLE, "v", resources));
        assertEquals(before, Snapshot.of(firmware));
    }

    static FirmwareException assertRefused(final Errno errno, final String message, final Request request)
    {
        final FirmwareException ex = assertThrows(FirmwareException.class, request::run);
        assertEquals(message, ex.getMessage());
        assertEquals(errno, ex.errno());
        assertEquals(errno.status(), ex.status());
        if (errno != Errno.ENOSPC)
        {
            assertEquals(0, ex.shortMask());
        }
        return ex;
    }

    @FunctionalInterface
    interface Request
    {
        void run() throws FirmwareException;
    }
}
