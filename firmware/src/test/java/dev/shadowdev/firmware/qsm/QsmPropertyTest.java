package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.firmware.model.PartitionInfo;
import dev.shadowdev.firmware.model.PoolSnapshot;
import dev.shadowdev.firmware.model.WorkloadInfo;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.wire.DmaXferContFlyweight;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import dev.shadowdev.wire.WireTypes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomly built and then mutated wire messages, sent to a card running on its own device thread: each message
 * gets exactly one well-formed answer echoing its header, the model's accounting invariant holds after every
 * message, and the device thread never dies. Random DBC doorbells are rung on the side.
 */
class QsmPropertyTest
{
    private static final int QUEUES = 4;
    private static final int QUEUE_SIZE = 8;
    private static final String[] NAMES = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "", "x/y" };
    /** Outcomes every run must reach, so the generator cannot drift into testing refusals only. */
    private static final String[] MUST_HAPPEN = {
        "ACTIVATE_FROM_DEV 0", "ACTIVATE_FROM_DEV -28", "PART_CREATE_FROM_DEV 0", "PART_DESTROY_FROM_DEV 0",
        "DEACTIVATE_FROM_DEV 0", "RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "TERMINATE_FROM_DEV 0", "PASSTHROUGH_FROM_DEV",
        "RESULT_FROM_DEV(UNKNOWN) -22" };

    private static TestHost test;
    private static long imageAt;
    private static long[] reqQueues;
    private static long[] rspQueues;
    private static long messages;

    sealed interface Tx permits Status, Passthrough, PartCreate, PartDestroy, PartQuery, PoolQuery, Validate, Dma,
        Activate, LoadActivate, Deactivate, Terminate, Unknown
    {
    }

    record Status() implements Tx
    {
    }

    record Passthrough(int words) implements Tx
    {
    }

    record PartCreate(int name, long cores, long memory, long dma) implements Tx
    {
    }

    record PartDestroy(int id, int flags) implements Tx
    {
    }

    record PartQuery() implements Tx
    {
    }

    record PoolQuery() implements Tx
    {
    }

    record Validate(int id) implements Tx
    {
    }

    record Dma(int tag, int chunkId, int flags, int source) implements Tx
    {
    }

    record Activate(int slot, int queues, int bufLen, int options) implements Tx
    {
    }

    /** DMA_XFER of the whole image then ACTIVATE of its slot: two transactions. */
    record LoadActivate(int slot, int queues) implements Tx
    {
    }

    /** {@code selector} 0, 1: one of the requester's own workloads, 2: any workload, 3: {@code dbc} as is. */
    record Deactivate(int selector, int dbc) implements Tx
    {
    }

    record Terminate(boolean sameHandle) implements Tx
    {
    }

    record Unknown(int type, int words) implements Tx
    {
    }

    record Mutation(int kind, int position, int value)
    {
    }

    /** {@code partition} selects the header's partition: see {@link #partition(int)}. */
    record Message(int handle, int partition, List<Tx> transactions, Mutation mutation, int crcMode, int dbc,
        int tail)
    {
    }

    @BeforeContainer
    static void start()
    {
        test = TestHost.threaded(CardOptions.defaults().withThreadName("property-card"));
        final byte[] image = new WorkloadImageWriter().name("p").needs(1, 4096, 0, 0, 1).op(WorkloadOp.ECHO)
            .toBytes();
        imageAt = test.put(image);
        reqQueues = new long[QUEUES];
        rspQueues = new long[QUEUES];
        for (int i = 0; i < QUEUES; i++)
        {
            reqQueues[i] = test.alloc(QUEUE_SIZE * 64);
            rspQueues[i] = test.alloc(QUEUE_SIZE * 4);
        }
    }

    @AfterContainer
    static void stop()
    {
        try
        {
            assertTrue(test.card.isDeviceThreadAlive());
            assertEquals(0, test.pendingAnswers());
            assertEquals(messages, test.card.responses().sent());
        }
        finally
        {
            test.close();
        }
    }

    @Property(tries = 800)
    void everyMessageGetsExactlyOneAnswerAndTheAccountsBalance(@ForAll("messages") final Message message)
        throws FirmwareException
    {
        final byte[] bytes = build(message);
        final Answer answer = send(bytes);
        final WireBuffer header = new WireBuffer(Arrays.copyOf(bytes, Math.max(bytes.length, 32)));
        assertEquals(header.getInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET), answer.sequenceNumber());
        assertEquals(header.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET), answer.handle());
        assertEquals(header.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET), answer.partitionId());

        final String kind;
        if (answer.count() == 1 && answer.type(0) == WireTypes.DMA_XFER_CONT)
        {
            kind = "continued";
            abort(answer, header);
        }
        else if (answer.count() == 1 && answer.type(0) == WireTypes.RESULT_FROM_DEV &&
            answer.getInt(0, ResultFromDevFlyweight.REQUEST_TYPE_OFFSET) == WireTypes.UNDEFINED)
        {
            kind = "whole message refused";
        }
        else
        {
            kind = "answered per transaction";
            assertEquals(header.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET), answer.count());
            for (final String outcome : answer.describe())
            {
                Statistics.label("outcome").collect(outcome);
            }
        }
        Statistics.label("answer").collect(kind);
        Statistics.label("mutation").collect(message.mutation().kind());
        Statistics.label("outcome").coverage(coverage ->
        {
            for (final String outcome : MUST_HAPPEN)
            {
                coverage.check(outcome).count(c -> c >= 2);
            }
        });

        if (message.dbc() >= 0)
        {
            test.registers.dbcWrite(message.dbc(), DbcRegs.REQ_TAIL, message.tail());
        }
        assertEquals(0, test.pendingAnswers());
        assertAccountsBalance(test.card.firmware());
        assertTrue(test.card.isDeviceThreadAlive());
        assertEquals(0, test.card.control().internalErrors());
        assertEquals(0, test.card.control().continuationsInProgress());
    }

    @Provide
    Arbitrary<Message> messages()
    {
        final Arbitrary<Mutation> mutation = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.just(new Mutation(0, 0, 0))),
            net.jqwik.api.Tuple.of(5, Combinators.combine(
                Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, 4096),
                Arbitraries.integers()).as(Mutation::new)));
        return Combinators.combine(
            Arbitraries.of(0, 1, 2),
            Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(2, 2),
                net.jqwik.api.Tuple.of(2, 3), net.jqwik.api.Tuple.of(1, 4), net.jqwik.api.Tuple.of(1, 5)),
            transaction().list().ofMinSize(1).ofMaxSize(6),
            mutation,
            Arbitraries.frequency(net.jqwik.api.Tuple.of(7, 0), net.jqwik.api.Tuple.of(2, 1),
                net.jqwik.api.Tuple.of(1, 2)),
            Arbitraries.integers().between(-1, 16),
            Arbitraries.integers().between(-2, QUEUE_SIZE + 1)).as(Message::new);
    }

    private Arbitrary<Tx> transaction()
    {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Status())),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 32).map(Passthrough::new)),
            net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, NAMES.length - 1),
                Arbitraries.of(0L, 1L, 1L, 2L, 3L), Arbitraries.longs().between(0, 1L << 33),
                Arbitraries.of(0L, 1L, 1L, 2L)).as(PartCreate::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(
                Arbitraries.frequency(net.jqwik.api.Tuple.of(3, 2), net.jqwik.api.Tuple.of(3, 3),
                    net.jqwik.api.Tuple.of(1, 0), net.jqwik.api.Tuple.of(1, 4), net.jqwik.api.Tuple.of(1, 5)),
                Arbitraries.of(0, 1, 1, 1, 2)).as(PartDestroy::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new PartQuery())),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new PoolQuery())),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 5).map(Validate::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3), Arbitraries.of(0, 1, 2, 3, 4),
                Arbitraries.integers().between(0, 3)).as(Dma::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, QUEUES), Arbitraries.of(0, 64, 4096),
                Arbitraries.of(0, 0, 0, 0x10000)).as(Activate::new)),
            net.jqwik.api.Tuple.of(6, Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, QUEUES - 1)).as(LoadActivate::new)),
            net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-1, 17)).as(Deactivate::new)),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(true, true, false).map(Terminate::new)),
            net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(0, 3, 5, 0x101, 0x10B, 0x200),
                Arbitraries.integers().between(0, 4)).as(Unknown::new)));
    }

    private static byte[] build(final Message message)
    {
        final WireBuffer buffer = new WireBuffer(new byte[8192]);
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 0, buffer.capacity());
        final int partitionId = partition(message.partition());
        writer.begin((int)++messages * 3, message.handle(), partitionId);
        for (final Tx tx : message.transactions())
        {
            append(writer, tx, partitionId, message.handle());
        }
        final int length = writer.finish(message.crcMode() == 1);
        byte[] bytes = Arrays.copyOf(buffer.byteBuffer().array(), length);
        final Mutation m = message.mutation();
        final int at = m.position() % bytes.length;
        switch (m.kind())
        {
            case 1:
                bytes[at] ^= (byte)(1 | m.value());
                break;
            case 2:
                bytes = Arrays.copyOf(bytes, Math.max(1, at));
                break;
            case 3:
                bytes = Arrays.copyOf(bytes, bytes.length + 1 + (m.value() & 63));
                break;
            case 4:
                new WireBuffer(bytes).putInt(WireMessageHeaderFlyweight.LEN_OFFSET, m.value() & 0x1FFFF);
                break;
            case 5:
                new WireBuffer(bytes).putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, m.value() & 0x3FF);
                break;
            case 6:
                new WireBuffer(bytes).putInt(Math.min(at & ~3, bytes.length - 4), m.value());
                break;
            default:
                break;
        }
        if (message.crcMode() == 0 && bytes.length >= WireMessageHeaderFlyweight.LENGTH)
        {
            new WireCrc().stamp(new WireBuffer(bytes), 0, bytes.length);
        }
        return bytes;
    }

    private static void append(final WireRequestWriter writer, final Tx tx, final int partitionId, final int handle)
    {
        if (tx instanceof Status)
        {
            writer.appendStatus();
        }
        else if (tx instanceof Passthrough p)
        {
            writer.appendPassthrough(new WireBuffer(new byte[p.words() * 8]), 0, p.words() * 8);
        }
        else if (tx instanceof PartCreate c)
        {
            writer.appendPartCreate(NAMES[c.name()], new long[]{ c.cores(), c.memory(), 0, 0, c.dma() });
        }
        else if (tx instanceof PartDestroy d)
        {
            writer.appendPartDestroy(partition(d.id()), d.flags());
        }
        else if (tx instanceof PartQuery)
        {
            writer.appendPartQuery();
        }
        else if (tx instanceof PoolQuery)
        {
            writer.appendPoolQuery();
        }
        else if (tx instanceof Validate v)
        {
            writer.appendValidatePartition(partition(v.id()));
        }
        else if (tx instanceof Dma d)
        {
            final long[] addrs;
            final long[] sizes;
            switch (d.source())
            {
                case 0:
                    addrs = new long[]{ imageAt };
                    sizes = new long[]{ 128 };
                    break;
                case 1:
                    addrs = new long[]{ imageAt, imageAt + 64 };
                    sizes = new long[]{ 64, 64 };
                    break;
                case 2:
                    addrs = new long[]{ test.region.end() - 32 };
                    sizes = new long[]{ 64 };
                    break;
                default:
                    addrs = new long[]{ imageAt };
                    sizes = new long[]{ 64 };
                    break;
            }
            final int flags = d.flags() == 4 ? 4 : d.flags() & DmaXferFlyweight.FLAGS_KNOWN;
            final int chunkId = (flags & DmaXferFlyweight.FLAG_MORE) != 0 && d.chunkId() == 0 ? 7 : d.chunkId();
            writer.appendDmaXfer(d.tag(), chunkId, flags, addrs, sizes, 0, addrs.length);
        }
        else if (tx instanceof Activate a)
        {
            final boolean bad = a.queues() == QUEUES;
            writer.appendActivate(bad ? test.region.end() : reqQueues[a.queues()],
                bad ? 0 : rspQueues[a.queues()], QUEUE_SIZE, QUEUE_SIZE, a.bufLen(), a.slot() | a.options());
        }
        else if (tx instanceof LoadActivate l)
        {
            writer.appendDmaXfer(l.slot(), 0, DmaXferFlyweight.FLAG_RESTART, new long[]{ imageAt },
                new long[]{ 128 }, 0, 1);
            writer.appendActivate(reqQueues[l.queues()], rspQueues[l.queues()], QUEUE_SIZE, QUEUE_SIZE, 4096, l.slot());
        }
        else if (tx instanceof Deactivate d)
        {
            writer.appendDeactivate(workload(d, partitionId, handle));
        }
        else if (tx instanceof Terminate t)
        {
            writer.appendTerminate(t.sameHandle() ? handle : handle + 1);
        }
        else if (tx instanceof Unknown u)
        {
            writer.reserve(u.type(), 8 + 8 * u.words());
        }
    }

    /**
     * A partition chosen against the live ones, so the run keeps reaching live partitions although IDs are never
     * reused: 0 and 1 the base node (-1), 2 and 3 a live partition (the base node when there is none), 4 a
     * partition that never existed, 5 the newest ID ever handed out (often destroyed).
     */
    private static int partition(final int selector)
    {
        try
        {
            final List<PartitionInfo> live = test.card.firmware().queryPartitions(-1, 0);
            switch (selector)
            {
                case 2:
                case 3:
                    return live.isEmpty() ? -1 : live.get(selector % live.size()).id();
                case 4:
                    return 999;
                case 5:
                    return live.isEmpty() ? 1 : live.get(live.size() - 1).id() + 1;
                default:
                    return -1;
            }
        }
        catch (final FirmwareException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static int workload(final Deactivate d, final int partitionId, final int handle)
    {
        try
        {
            for (final WorkloadInfo workload : test.card.firmware().queryWorkloads(-1, 0))
            {
                if (d.selector() == 2 ||
                    d.selector() < 2 && workload.partitionId() == partitionId && workload.handle() == handle)
                {
                    return workload.dbcId();
                }
            }
            return d.dbc();
        }
        catch (final FirmwareException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static Answer send(final byte[] bytes)
    {
        return new Answer(test.transmit(bytes), true);
    }

    /** A transfer was continued: abort it so none stays in progress. */
    private static void abort(final Answer answer, final WireBuffer header)
    {
        final WireBuffer buffer = new WireBuffer(new byte[256]);
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 0, buffer.capacity());
        writer.begin((int)++messages * 3, header.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET),
            header.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET));
        writer.appendDmaAbort(answer.getInt(0, DmaXferContFlyweight.DMA_CHUNK_ID_OFFSET));
        final byte[] bytes = Arrays.copyOf(buffer.byteBuffer().array(), writer.finish(true));
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0"), send(bytes).describe());
    }

    private static void assertAccountsBalance(final Firmware firmware) throws FirmwareException
    {
        final PoolSnapshot global = firmware.queryPool(-1, 0);
        final List<PartitionInfo> partitions = firmware.queryPartitions(-1, 0);
        for (int r = 0; r < Resource.COUNT; r++)
        {
            long reserved = 0;
            for (final PartitionInfo partition : partitions)
            {
                reserved += partition.reserved().get(r);
                assertTrue(partition.used().get(r) <= partition.reserved().get(r));
            }
            assertEquals(firmware.profile().capacity().get(r), global.free().get(r) + reserved + global.used().get(r),
                "resource " + r);
        }
    }
}
