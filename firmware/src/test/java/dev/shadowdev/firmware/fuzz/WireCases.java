package dev.shadowdev.firmware.fuzz;

import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.firmware.model.PartitionInfo;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the wire messages of {@link WireFuzzTest}: a well-formed request of 1 to 8 random transactions (every
 * TO_DEV type, unknown types, live and dead partitions, DMA pairs inside and outside host memory), then one of the
 * mutations of {@link Mutation}. After a mutation the CRC is stamped again most of the time, so the checks behind
 * the CRC are reached.
 */
final class WireCases
{
    /** What is done to the well-formed message. */
    enum Mutation
    {
        NONE, BIT_FLIPS, HEADER_FIELD, TRANSACTION_TYPE, TRANSACTION_LEN, BODY_FIELD, TRUNCATE, EXTEND,
        RANDOM_BYTES, OVERSIZE
    }

    static final int TO_DEV_MAX = WireDirection.TO_DEV.maxLength();
    static final int MAX_BYTES = 72 * 1024;
    static final int QUEUES = 4;
    static final int QUEUE_SIZE = 8;

    private static final String[] NAMES = {"fz-a", "fz-b", "fz-c", "fz-d", "", "bad/name", "fz-a"};
    private static final int[] EDGES = {0, 1, -1, 7, 8, 16, 31, 32, 33, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF, 0x1_0000,
        0x1_0001, 512, 513};
    private static final int[] UNKNOWN_TYPES = {0, 1, 2, 3, 5, 7, 0x10B, 0x101, 0x1FF, 0x7FFF_FFFF, 0xFFFF_FFFF};
    private static final int[] REQUEST_TYPES = {WireTypes.PASSTHROUGH_TO_DEV, WireTypes.DMA_XFER_TO_DEV,
        WireTypes.ACTIVATE_TO_DEV, WireTypes.STATUS_TO_DEV, WireTypes.TERMINATE_TO_DEV,
        WireTypes.VALIDATE_PARTITION_TO_DEV, WireTypes.DEACTIVATE_TO_DEV, WireTypes.PART_CREATE_TO_DEV,
        WireTypes.PART_DESTROY_TO_DEV, WireTypes.PART_QUERY_TO_DEV, WireTypes.POOL_QUERY_TO_DEV,
        WireTypes.PART_RESIZE_TO_DEV, WireTypes.PART_DRAIN_TO_DEV, WireTypes.PART_QUERY_EX_TO_DEV};
    private static final int[] GRACES = {0, 1, 50, 0xFFFF_FFFF};

    private final TestHost test;
    private final long imageAt;
    private final int imageLength;
    private final long[] reqQueues = new long[QUEUES];
    private final long[] rspQueues = new long[QUEUES];
    private final WireBuffer scratch = new WireBuffer(new byte[TO_DEV_MAX]);
    private final WireRequestWriter writer = new WireRequestWriter();
    private final WireCrc crc = new WireCrc();

    WireCases(final TestHost test)
    {
        this.test = test;
        final byte[] image = new WorkloadImageWriter().name("fz").needs(1, 4096, 0, 0, 1).op(WorkloadOp.ECHO)
            .payload(new byte[64]).toBytes();
        this.imageAt = test.put(image);
        this.imageLength = image.length;
        for (int i = 0; i < QUEUES; i++)
        {
            reqQueues[i] = test.alloc(QUEUE_SIZE * 64);
            rspQueues[i] = test.alloc(QUEUE_SIZE * 4);
        }
    }

    /** @return a well-formed request with sequence number {@code sequence}. */
    byte[] wellFormed(final SplittableRandom random, final int sequence)
    {
        writer.wrap(scratch, 0, scratch.capacity());
        final int handle = 1 + random.nextInt(4);
        final int partitionId = partition(random);
        writer.begin(sequence, handle, partitionId);
        final int count = 1 + random.nextInt(random.nextInt(8) == 0 ? 8 : 3);
        for (int i = 0; i < count; i++)
        {
            append(random, handle);
        }
        return Arrays.copyOf(scratch.byteBuffer().array(), writer.finish(true));
    }

    /**
     * @param message a well-formed request.
     * @return the mutated bytes (at least 1 byte, at most {@link #MAX_BYTES}).
     */
    byte[] mutate(final SplittableRandom random, final byte[] message, final Mutation mutation)
    {
        byte[] bytes = message.clone();
        final WireBuffer view = new WireBuffer(bytes);
        boolean restamp = random.nextInt(10) < 7;
        switch (mutation)
        {
            case NONE:
                restamp = false;
                break;
            case BIT_FLIPS:
                for (int n = 1 + random.nextInt(8); n > 0; n--)
                {
                    final int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte)(1 << random.nextInt(8));
                }
                break;
            case HEADER_FIELD:
            {
                final int field = random.nextInt(WireMessageHeaderFlyweight.LENGTH / Integer.BYTES);
                view.putInt(field * Integer.BYTES, edgeOrRandom(random));
                restamp &= field != 0;
                break;
            }
            case TRANSACTION_TYPE:
                view.putInt(transactionOffset(random, view) + WireTransactionHeaderFlyweight.TYPE_OFFSET,
                    random.nextBoolean() ? REQUEST_TYPES[random.nextInt(REQUEST_TYPES.length)] :
                    UNKNOWN_TYPES[random.nextInt(UNKNOWN_TYPES.length)]);
                break;
            case TRANSACTION_LEN:
            {
                final int at = transactionOffset(random, view);
                final int len = view.getInt(at + WireTransactionHeaderFlyweight.LEN_OFFSET);
                view.putInt(at + WireTransactionHeaderFlyweight.LEN_OFFSET,
                    random.nextBoolean() ? len + 8 * (random.nextInt(5) - 2) + random.nextInt(2) * 4 :
                    edgeOrRandom(random));
                break;
            }
            case BODY_FIELD:
            {
                final int at = transactionOffset(random, view) + WireTransactionHeaderFlyweight.HEADER_LENGTH;
                final int room = bytes.length - at;
                if (room >= Integer.BYTES)
                {
                    view.putInt(at + (random.nextInt(room / Integer.BYTES) * Integer.BYTES), edgeOrRandom(random));
                }
                break;
            }
            case TRUNCATE:
                bytes = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length));
                restamp = false;
                break;
            case EXTEND:
            {
                final int extra = 1 + random.nextInt(random.nextBoolean() ? 16 : 4096);
                bytes = Arrays.copyOf(bytes, Math.min(MAX_BYTES, bytes.length + extra));
                fill(random, bytes, message.length, bytes.length);
                if (random.nextBoolean())
                {
                    new WireBuffer(bytes).putInt(WireMessageHeaderFlyweight.LEN_OFFSET, bytes.length);
                }
                break;
            }
            case RANDOM_BYTES:
            {
                bytes = new byte[1 + random.nextInt(random.nextBoolean() ? 64 : 2048)];
                fill(random, bytes, 0, bytes.length);
                if (bytes.length >= WireMessageHeaderFlyweight.LENGTH && random.nextBoolean())
                {
                    final WireBuffer b = new WireBuffer(bytes);
                    b.putInt(WireMessageHeaderFlyweight.MAGIC_OFFSET, WireMessageHeaderFlyweight.MAGIC);
                    b.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, bytes.length);
                    b.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 1 + random.nextInt(4));
                    b.putInt(WireMessageHeaderFlyweight.PADDING_OFFSET, 0);
                }
                break;
            }
            case OVERSIZE:
            {
                final int length = TO_DEV_MAX - 64 + random.nextInt(MAX_BYTES - TO_DEV_MAX + 64);
                bytes = Arrays.copyOf(bytes, length);
                fill(random, bytes, message.length, length);
                new WireBuffer(bytes).putInt(WireMessageHeaderFlyweight.LEN_OFFSET,
                    random.nextBoolean() ? length : TO_DEV_MAX + 1 + random.nextInt(1 << 16));
                break;
            }
            default:
                throw new IllegalStateException("mutation: " + mutation);
        }
        if (restamp && bytes.length >= WireMessageHeaderFlyweight.LENGTH)
        {
            final WireBuffer b = new WireBuffer(bytes);
            final long len = b.getUnsignedInt(WireMessageHeaderFlyweight.LEN_OFFSET);
            if (len >= WireMessageHeaderFlyweight.LENGTH && len <= bytes.length)
            {
                crc.stamp(b, 0, (int)len);
            }
        }
        return bytes;
    }

    /** @return the abort of split transfer {@code chunkId} for (handle, partition). */
    byte[] abort(final int sequence, final int handle, final int partitionId, final int chunkId)
    {
        writer.wrap(scratch, 0, scratch.capacity());
        writer.begin(sequence, handle, partitionId);
        writer.appendDmaAbort(chunkId);
        return Arrays.copyOf(scratch.byteBuffer().array(), writer.finish(true));
    }

    private void append(final SplittableRandom random, final int handle)
    {
        switch (random.nextInt(18))
        {
            case 0:
                writer.appendStatus();
                break;
            case 1:
            {
                final int length = 8 * (random.nextInt(8) == 0 ? random.nextInt(512) : random.nextInt(16));
                final byte[] data = new byte[length];
                fill(random, data, 0, length);
                writer.appendPassthrough(new WireBuffer(data), 0, length);
                break;
            }
            case 2:
            case 3:
                appendDmaXfer(random);
                break;
            case 4:
            case 5:
            {
                final int q = random.nextInt(QUEUES);
                writer.appendActivate(reqQueues[q], rspQueues[q], QUEUE_SIZE, QUEUE_SIZE,
                    random.nextInt(4) == 0 ? 0 : 64, random.nextInt(3));
                break;
            }
            case 6:
                writer.appendDeactivate(random.nextInt(18) - 1);
                break;
            case 7:
                writer.appendTerminate(random.nextInt(4) == 0 ? handle + 1 : handle);
                break;
            case 8:
                writer.appendValidatePartition(partition(random));
                break;
            case 9:
                writer.appendPartCreate(NAMES[random.nextInt(NAMES.length)], new long[]{
                    random.nextInt(4), random.nextLong(1L << 34), random.nextInt(3), random.nextInt(3),
                    random.nextInt(3)});
                break;
            case 10:
                writer.appendPartDestroy(partition(random), random.nextInt(3));
                break;
            case 11:
                writer.appendPartQuery();
                break;
            case 12:
                writer.appendPoolQuery();
                break;
            case 13:
            {
                final long[] min = elastic(random);
                writer.appendPartCreateEx(NAMES[random.nextInt(NAMES.length)], min, grown(random, min),
                    random.nextInt(3));
                break;
            }
            case 14:
            {
                final long[] min = elastic(random);
                writer.appendPartResize(partition(random), random.nextInt(9), min, grown(random, min));
                break;
            }
            case 15:
                writer.appendPartDrain(partition(random), random.nextInt(3), GRACES[random.nextInt(GRACES.length)]);
                break;
            case 16:
                writer.appendPartQueryEx();
                break;
            default:
                writer.reserve(UNKNOWN_TYPES[random.nextInt(UNKNOWN_TYPES.length)], 8 + 8 * random.nextInt(4));
                break;
        }
    }

    /** A reservation: sometimes none of a resource, sometimes more than the card has. */
    private static long[] elastic(final SplittableRandom random)
    {
        return new long[]{random.nextInt(5), random.nextLong(1L << 33), random.nextInt(3), random.nextInt(3),
            random.nextInt(3)};
    }

    /** A limit from a reservation: mostly at or above it, now and then below (EINVAL). */
    private static long[] grown(final SplittableRandom random, final long[] min)
    {
        final long[] max = new long[min.length];
        for (int i = 0; i < min.length; i++)
        {
            max[i] = random.nextInt(10) == 0 ? min[i] - 1 : min[i] + random.nextInt(4);
        }
        return max;
    }

    private void appendDmaXfer(final SplittableRandom random)
    {
        final int slot = random.nextInt(3);
        switch (random.nextInt(5))
        {
            case 0:
                writer.appendDmaXfer(slot, 0, DmaXferFlyweight.FLAG_RESTART, new long[]{imageAt},
                    new long[]{imageLength}, 0, 1);
                break;
            case 1:
                writer.appendDmaXfer(slot, 0, random.nextInt(2) * DmaXferFlyweight.FLAG_RESTART,
                    new long[]{imageAt, imageAt + 64}, new long[]{64, imageLength - 64}, 0, 2);
                break;
            case 2:
                writer.appendDmaXfer(slot, 0, 0, new long[]{test.region.end() - 32, random.nextLong()},
                    new long[]{64, random.nextInt(1 << 20)}, 0, 1 + random.nextInt(2));
                break;
            case 3:
                writer.appendDmaXfer(slot, 1 + random.nextInt(3), DmaXferFlyweight.FLAG_MORE |
                    DmaXferFlyweight.FLAG_RESTART, new long[]{imageAt}, new long[]{64}, 0, 1);
                break;
            default:
                writer.appendDmaXfer(slot, 0, DmaXferFlyweight.FLAG_RESTART, new long[]{imageAt},
                    new long[]{random.nextInt(imageLength) + 1}, 0, 1);
                break;
        }
    }

    /** -1 often, a live partition often, an ID that never lived or a random one sometimes. */
    private int partition(final SplittableRandom random)
    {
        try
        {
            final List<PartitionInfo> live = test.card.firmware().queryPartitions(-1, 0);
            switch (random.nextInt(6))
            {
                case 0:
                case 1:
                    return -1;
                case 2:
                case 3:
                    return live.isEmpty() ? -1 : live.get(random.nextInt(live.size())).id();
                case 4:
                    return 900 + random.nextInt(100);
                default:
                    return random.nextInt();
            }
        }
        catch (final FirmwareException ex)
        {
            throw new AssertionError("query partitions: " + ex.getMessage(), ex);
        }
    }

    private static int transactionOffset(final SplittableRandom random, final WireBuffer view)
    {
        final int count = Math.max(1, view.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET));
        int at = WireMessageHeaderFlyweight.LENGTH;
        for (int n = random.nextInt(Math.min(count, 8)); n > 0; n--)
        {
            final int len = view.getInt(at + WireTransactionHeaderFlyweight.LEN_OFFSET);
            if (len < WireTransactionHeaderFlyweight.HEADER_LENGTH ||
                at + len + WireTransactionHeaderFlyweight.HEADER_LENGTH > view.capacity())
            {
                break;
            }
            at += len;
        }
        return at;
    }

    private static int edgeOrRandom(final SplittableRandom random)
    {
        return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt();
    }

    private static void fill(final SplittableRandom random, final byte[] bytes, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            bytes[i] = (byte)random.nextInt(256);
        }
    }
}
