package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.DeactivateFromDevFlyweight;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.PartCreateFromDevFlyweight;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.PoolQueryFromDevFlyweight;
import dev.shadowdev.wire.StatusFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowdev.firmware.model.DeviceProfile.GIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every transaction over the real transport, host built from MhiHost and the wire writers, card driven by hand. */
class QsmRoundTripTest
{
    private static final int BASE = -1;
    private static final int H = 7;

    private final TestHost test = TestHost.manual(CardOptions.defaults());

    @AfterEach
    void close()
    {
        test.close();
    }

    @Test
    void statusAnswersVersionFiveZeroAndTheCrcFlagAndEchoesTheHeader()
    {
        test.begin(H, BASE).appendStatus();

        final Answer answer = test.call();

        assertEquals(test.sequence(), answer.sequenceNumber());
        assertEquals(H, answer.handle());
        assertEquals(BASE, answer.partitionId());
        assertEquals(List.of("STATUS_FROM_DEV 0"), answer.describe());
        assertEquals(5, answer.buffer.getUnsignedShort(answer.offset(0) + StatusFromDevFlyweight.MAJOR_OFFSET));
        assertEquals(0, answer.buffer.getUnsignedShort(answer.offset(0) + StatusFromDevFlyweight.MINOR_OFFSET));
        assertEquals(1L, answer.getLong(0, StatusFromDevFlyweight.STATUS_FLAGS_OFFSET));
        assertEquals(new WireCrc().compute(answer.buffer, 0, answer.bytes.length), answer.crc());
    }

    @Test
    void statusWithoutCrcIsServedSoTheHostCanLearnAboutCrcsButNothingElseIs()
    {
        test.begin(H, BASE).appendStatus();
        final Answer alone = new Answer(test.transmit(test.writer.finish(false)), true);
        assertEquals(List.of("STATUS_FROM_DEV 0"), alone.describe());

        test.begin(H, BASE).appendStatus();
        test.writer.appendStatus();
        final Answer two = new Answer(test.transmit(test.writer.finish(false)), true);
        assertEquals(List.of("RESULT_FROM_DEV(UNDEFINED) -74"), two.describe());
    }

    @Test
    void passthroughEchoesItsData()
    {
        final byte[] data = new byte[64];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i * 7 + 1);
        }
        test.begin(H, BASE).appendPassthrough(new WireBuffer(data), 0, data.length);

        final Answer answer = test.call();

        assertEquals(List.of("PASSTHROUGH_FROM_DEV"), answer.describe());
        final byte[] echoed = new byte[64];
        answer.buffer.getBytes(answer.offset(0) + PassthroughFlyweight.DATA_OFFSET, echoed, 0, 64);
        assertArrayEquals(data, echoed);
    }

    @Test
    void aLongPassthroughTravelsOverSeveralHostBuffersBothWays()
    {
        final byte[] data = new byte[60_000];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i ^ (i >>> 8));
        }
        test.begin(H, BASE).appendPassthrough(new WireBuffer(data), 0, data.length);

        final Answer answer = test.call();

        assertEquals(60_000 + 40, answer.bytes.length);
        final byte[] echoed = new byte[data.length];
        answer.buffer.getBytes(answer.offset(0) + PassthroughFlyweight.DATA_OFFSET, echoed, 0, data.length);
        assertArrayEquals(data, echoed);
    }

    @Test
    void aMessageChainedOverSeveralBuffersIsGatheredFirst()
    {
        test.begin(H, BASE).appendStatus();
        test.writer.appendPartCreate("chained", new long[]{ 1, 0, 0, 0, 1 });
        final int length = test.writer.finish(true);
        final byte[] message = new byte[length];
        test.memory.getBytes(test.writer.messageOffset(), message, 0, length);
        final long a = test.put(java.util.Arrays.copyOfRange(message, 0, 10));
        final long b = test.put(java.util.Arrays.copyOfRange(message, 10, 60));
        final long c = test.put(java.util.Arrays.copyOfRange(message, 60, length));

        assertEquals(0, test.host.queue(TestHost.TX, a, 10, TransferTreFlyweight.FLAG_CHAIN));
        assertEquals(0, test.host.queue(TestHost.TX, b, 50, TransferTreFlyweight.FLAG_CHAIN));
        assertEquals(0, test.host.queue(TestHost.TX, c, length - 60, TransferTreFlyweight.FLAG_IEOT));
        assertEquals(0, test.host.doorbell(TestHost.TX));
        final Answer answer = new Answer(test.await(), true);

        assertEquals(test.sequence(), answer.sequenceNumber());
        assertEquals(List.of("STATUS_FROM_DEV 0", "PART_CREATE_FROM_DEV 0"), answer.describe());
    }

    @Test
    void aMessageOfExactly64KibTravelsAsTwoElementsAndIsEchoed()
    {
        final byte[] data = new byte[65_536 - 40];
        java.util.Arrays.fill(data, (byte)0x6B);
        test.begin(H, BASE).appendPassthrough(new WireBuffer(data), 0, data.length);

        final Answer answer = test.call();

        assertEquals(65_536, answer.bytes.length);
        assertEquals(List.of("PASSTHROUGH_FROM_DEV"), answer.describe());
        assertEquals(0x6B6B6B6B, answer.getInt(0, PassthroughFlyweight.DATA_OFFSET + 1000));
    }

    @Test
    void partitionLifeCycleAndQueries()
    {
        test.begin(H, BASE).appendPartCreate("alpha", new long[]{ 2, GIB, 1, 2, 2 });
        test.writer.appendPartCreate("beta", new long[]{ 20, 0, 0, 0, 1 });
        test.writer.appendValidatePartition(1);
        test.writer.appendValidatePartition(2);
        test.writer.appendPartQuery();
        test.writer.appendPoolQuery();
        final Answer answer = test.call();

        assertEquals(List.of("PART_CREATE_FROM_DEV 0", "PART_CREATE_FROM_DEV -28", "VALIDATE_PARTITION_FROM_DEV 0",
            "VALIDATE_PARTITION_FROM_DEV -2", "PART_QUERY_FROM_DEV 0", "POOL_QUERY_FROM_DEV 0"), answer.describe());
        assertEquals(1, answer.getInt(0, PartCreateFromDevFlyweight.PARTITION_ID_OFFSET));
        assertEquals(0x01, answer.getInt(1, PartCreateFromDevFlyweight.SHORT_MASK_OFFSET));
        assertEquals(1, answer.getInt(4, PartQueryFromDevFlyweight.N_OFFSET));
        final PartitionEntryFlyweight entry = new PartitionEntryFlyweight()
            .wrap(answer.buffer, answer.offset(4) + PartQueryFromDevFlyweight.ENTRIES_OFFSET);
        assertEquals(1, entry.id());
        assertEquals("alpha", entry.name());
        assertEquals(GIB, entry.reserved(1));
        assertEquals(2, entry.reserved(4));
        final PoolQueryFromDevFlyweight pool = new PoolQueryFromDevFlyweight().wrap(answer.buffer, answer.offset(5));
        assertEquals(16, pool.total(0));
        assertEquals(14, pool.free(0));
        assertEquals(31 * GIB, pool.free(1));
        assertEquals(14, pool.free(4));

        test.begin(H, 1).appendPoolQuery();
        final PoolQueryFromDevFlyweight own = new PoolQueryFromDevFlyweight();
        final Answer shadow = test.call();
        own.wrap(shadow.buffer, shadow.offset(0));
        assertEquals(2, own.total(0));
        assertEquals(GIB, own.total(1));

        test.begin(H, BASE).appendPartDestroy(1, 0);
        test.writer.appendPartDestroy(1, 0);
        test.writer.appendPartCreate("alpha", new long[]{ 1, 0, 0, 0, 1 });
        test.writer.appendPartCreate("alpha", new long[]{ 1, 0, 0, 0, 1 });
        assertEquals(List.of("PART_DESTROY_FROM_DEV 0", "PART_DESTROY_FROM_DEV -2", "PART_CREATE_FROM_DEV 0",
            "PART_CREATE_FROM_DEV -17"), test.call().describe());
        assertEquals("partition name in use: name=alpha", test.controlProblems.last());
    }

    @Test
    void dmaXferActivateDeactivateTerminateInOneMessageEach()
    {
        final byte[] image = new WorkloadImageWriter().name("echo").needs(2, 4096, 0, 0, 1)
            .op(WorkloadOp.ECHO).payload(new byte[1000]).toBytes();
        final long at = test.put(image);
        final DbcQueue queue = new DbcQueue(test, 8, 256);

        final WireRequestWriter writer = test.begin(H, BASE);
        writer.appendDmaXfer(3, 0, DmaXferFlyweight.FLAG_RESTART, new long[]{ at, at + 100 },
            new long[]{ 100, image.length - 100 }, 0, 2);
        queue.appendActivate(writer, 3, 256);
        final Answer loaded = test.call();

        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), loaded.describe());
        assertEquals(0, loaded.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET));
        assertEquals(0b11L, loaded.getLong(1, ActivateFromDevFlyweight.OPTIONS_OFFSET));
        assertEquals(image.length, test.card.firmware().slotLength(BASE, H, 3));
        assertEquals(true, test.card.dbcEngine().isBound(0));

        test.begin(H, BASE).appendDeactivate(0);
        test.writer.appendDeactivate(0);
        final Answer deactivated = test.call();
        assertEquals(List.of("DEACTIVATE_FROM_DEV 0", "DEACTIVATE_FROM_DEV -2"), deactivated.describe());
        assertEquals(0, deactivated.getInt(1, DeactivateFromDevFlyweight.DBC_ID_OFFSET));
        assertEquals(false, test.card.dbcEngine().isBound(0));

        queue.appendActivate(test.begin(H, BASE), 3, 256);
        test.writer.appendTerminate(H);
        test.writer.appendStatus();
        assertEquals(List.of("ACTIVATE_FROM_DEV 0", "TERMINATE_FROM_DEV 0", "STATUS_FROM_DEV 0"),
            test.call().describe());
        assertEquals(false, test.card.dbcEngine().isBound(0));
        assertEquals(-1, test.card.firmware().slotLength(BASE, H, 3));
    }

    @Test
    void activateShortOfResourcesAnswersEnospcWithTheShortMask()
    {
        test.begin(H, BASE).appendPartCreate("small", new long[]{ 2, 1 << 20, 0, 0, 1 });
        assertEquals(List.of("PART_CREATE_FROM_DEV 0"), test.call().describe());
        final byte[] image = new WorkloadImageWriter().name("big").needs(3, 2 << 20, 0, 0, 1)
            .op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final DbcQueue queue = new DbcQueue(test, 4, 64);

        final WireRequestWriter writer = test.begin(H, 1);
        writer.appendDmaXfer(0, 0, 0, new long[]{ at }, new long[]{ image.length }, 0, 1);
        queue.appendActivate(writer, 0, 64);
        final Answer answer = test.call();

        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV -28"), answer.describe());
        assertEquals(0b11L, answer.getLong(1, ActivateFromDevFlyweight.OPTIONS_OFFSET));
        assertEquals("not enough resources: short_mask=0x03 short=cores,memory",
            test.controlProblems.last());
        assertEquals(false, test.card.dbcEngine().isBound(0));
    }

    @Test
    void badQueuesRefuseActivateBeforeAnythingIsAdmitted() throws Exception
    {
        final byte[] image = new WorkloadImageWriter().name("e").needs(1, 0, 0, 0, 1).op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final WireRequestWriter writer = test.begin(H, BASE);
        writer.appendDmaXfer(0, 0, 0, new long[]{ at }, new long[]{ image.length }, 0, 1);
        writer.appendActivate(test.region.end() - 64, test.alloc(64), 4, 4, 64, 0);
        writer.appendActivate(test.alloc(256), test.alloc(64), 1, 4, 64, 0);
        writer.appendActivate(test.alloc(256), test.alloc(64), 4, 4, 64, 0x10000);
        final Answer answer = test.call();

        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV -22", "ACTIVATE_FROM_DEV -22",
            "ACTIVATE_FROM_DEV -22"), answer.describe());
        assertEquals("bad activate options: options=0x10000", test.controlProblems.last());
        assertEquals(List.of(), test.card.firmware().queryWorkloads(BASE, 0));
    }

    @Test
    void everyRequestOfAMessageGetsOneAnswerInOrder()
    {
        final WireRequestWriter writer = test.begin(H, BASE);
        writer.appendStatus();
        writer.appendPassthrough(new WireBuffer(new byte[8]), 0, 8);
        writer.appendPartQuery();
        writer.appendPoolQuery();
        writer.appendValidatePartition(9);
        writer.appendDeactivate(3);
        writer.appendTerminate(H);
        writer.appendPartDestroy(4, 0);
        writer.appendDmaAbort(12);

        final Answer answer = test.call();

        assertEquals(List.of("STATUS_FROM_DEV 0", "PASSTHROUGH_FROM_DEV", "PART_QUERY_FROM_DEV 0",
            "POOL_QUERY_FROM_DEV 0", "VALIDATE_PARTITION_FROM_DEV -2", "DEACTIVATE_FROM_DEV -2",
            "TERMINATE_FROM_DEV 0", "PART_DESTROY_FROM_DEV -2", "RESULT_FROM_DEV(DMA_XFER_TO_DEV) -2"),
            answer.describe());
        assertEquals("no dma chunk in progress: dma_chunk_id=12", test.controlProblems.last());
    }

    @Test
    void aDmaPairOutsideHostMemoryLoadsNothing()
    {
        final byte[] image = new WorkloadImageWriter().name("e").needs(1, 0, 0, 0, 1).op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        test.begin(H, BASE).appendDmaXfer(0, 0, 0, new long[]{ at, test.region.end() - 8 },
            new long[]{ 64, 64 }, 0, 2);

        final Answer answer = test.call();

        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) -22"), answer.describe());
        assertEquals("dma pair outside host memory: index=1 addr=0x" + Long.toHexString(test.region.end() - 8) +
            " size=64", test.controlProblems.last());
        assertEquals(-1, test.card.firmware().slotLength(BASE, H, 0));
        assertEquals(Errno.EINVAL.status(), answer.status(0));
    }
}
