package dev.shadowdev.devfs.reliability;

import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.NodeTypes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the manage messages of {@link ManageFuzzIT}: a well-formed message of 1 to 6 random transactions of every
 * node type (and unknown types), aimed at what the session knows (its workloads' dbc_ids, its slots' lengths, the
 * partitions the fuzzer created) part of the time, then one {@link Mutation}.
 */
final class ManageCases
{
    /** What is done to the well-formed message. */
    enum Mutation
    {
        NONE, BIT_FLIPS, HEADER_FIELD, TRANSACTION_TYPE, TRANSACTION_LEN, BODY_FIELD, TRUNCATE, EXTEND, RANDOM_BYTES,
        OVERSIZE
    }

    /** Largest write the mount passes in one request (max_write); beyond it the kernel splits the write. */
    static final int MAX_WRITE = 131072;

    private static final int[] EDGES = {0, 1, -1, 7, 8, 16, 17, 24, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF, 0x1_0000,
        0x1_0001, 512, 513, 4096};
    private static final int[] TYPES = {NodeTypes.PASSTHROUGH, NodeTypes.DMA_XFER, NodeTypes.ACTIVATE,
        NodeTypes.DEACTIVATE, NodeTypes.STATUS, NodeTypes.EXECUTE, NodeTypes.PART_CREATE, NodeTypes.PART_DESTROY,
        NodeTypes.PART_QUERY, NodeTypes.POOL_QUERY, NodeTypes.PART_BIND, 0, 2, 6, 0x100, 0x106, 0xFFFF_FFFF};

    static final byte[] IMAGE = new WorkloadImageWriter().name("fuzz").needs(1, 1 << 20, 0, 0, 1)
        .op(WorkloadOp.ECHO).payload(new byte[64]).toBytes();

    /** What one session knows, so that some transactions aim at real targets. */
    static final class Session
    {
        final boolean base;
        final List<Integer> dbcIds = new ArrayList<>();
        final long[] loaded = new long[4];

        Session(final boolean base)
        {
            this.base = base;
        }
    }

    private final List<Integer> createdPartitions;
    private int names;

    /** @param createdPartitions IDs of partitions the fuzzer created (on the base node), shared and kept current. */
    ManageCases(final List<Integer> createdPartitions)
    {
        this.createdPartitions = createdPartitions;
    }

    ManageRequest wellFormed(final SplittableRandom random, final Session session, final int tag)
    {
        final ManageRequest request = new ManageRequest().tag(tag);
        for (int n = 1 + random.nextInt(random.nextInt(6) == 0 ? 6 : 2); n > 0; n--)
        {
            append(random, session, request);
        }
        return request;
    }

    private void append(final SplittableRandom random, final Session session, final ManageRequest request)
    {
        switch (random.nextInt(13))
        {
            case 0:
                request.status();
                break;
            case 1:
                request.passthrough(bytes(random, 8 * (random.nextInt(8) == 0 ? random.nextInt(512) : random.nextInt(8))));
                break;
            case 2:
            case 3:
            {
                final int slot = random.nextInt(session.loaded.length);
                final int from = random.nextInt(4) == 0 && session.loaded[slot] < IMAGE.length ?
                    (int)session.loaded[slot] : 0;
                final int length = random.nextInt(3) == 0 ? 1 + random.nextInt(IMAGE.length - from) : IMAGE.length - from;
                request.dmaXfer(slot, from, IMAGE, from, length);
                break;
            }
            case 4:
                if (random.nextBoolean())
                {
                    final int slot = random.nextInt(session.loaded.length);
                    request.dmaXfer(slot, 0, IMAGE, 0, IMAGE.length).activate(slot);
                }
                else
                {
                    request.activate(random.nextInt(random.nextInt(8) == 0 ? 1 << 17 : 4));
                }
                break;
            case 5:
                request.deactivate(dbcId(random, session));
                break;
            case 6:
            case 7:
            {
                final byte[] input = bytes(random, random.nextInt(256));
                request.execute(dbcId(random, session), input, 0, input.length);
                break;
            }
            case 8:
                request.partCreate("fz-" + names++ % 8, Resources.of(random.nextInt(3), 1 + random.nextInt(1 << 24),
                    random.nextInt(2), random.nextInt(2), random.nextInt(3)));
                break;
            case 9:
                request.partDestroy(partitionToDestroy(random), random.nextBoolean());
                break;
            case 10:
                if (random.nextBoolean())
                {
                    request.partQuery();
                }
                else
                {
                    request.poolQuery();
                }
                break;
            case 11:
                request.partBind(partitionToDestroy(random), cgroupPath(random), random.nextInt(4) == 0 ? 1 : 0);
                break;
            default:
                request.raw(TYPES[random.nextInt(TYPES.length)], bytes(random, random.nextInt(40)));
                break;
        }
    }

    /** A cgroup path for PART_BIND: mostly valid (a few, so binds collide), else one broken rule of ABI.md 7. */
    private static byte[] cgroupPath(final SplittableRandom random)
    {
        final String[] broken = {"", "relative/x", "/a/../b", "/a/./b", "/a//b", "/a/", "/" + "x".repeat(4096),
            "/nul\0x", "/new\nline"};
        switch (random.nextInt(6))
        {
            case 0:
                return broken[random.nextInt(broken.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case 1:
                return new byte[] {'/', (byte)0xC3, (byte)(random.nextInt(256))};
            case 2:
                return bytes(random, random.nextInt(24));
            default:
                return ("/fz/t" + random.nextInt(4) + (random.nextBoolean() ? "/deeper" : ""))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * @param message a well-formed message.
     * @return the mutated bytes: at least 1 byte, at most {@code 2 * MAX_WRITE}.
     */
    static byte[] mutate(final SplittableRandom random, final byte[] message, final Mutation mutation)
    {
        byte[] bytes = message.clone();
        final ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (mutation)
        {
            case NONE:
                break;
            case BIT_FLIPS:
                for (int n = 1 + random.nextInt(6); n > 0; n--)
                {
                    bytes[random.nextInt(bytes.length)] ^= (byte)(1 << random.nextInt(8));
                }
                break;
            case HEADER_FIELD:
                view.putInt(Integer.BYTES * random.nextInt(ManageMessageFlyweight.LENGTH / Integer.BYTES),
                    edgeOrRandom(random));
                break;
            case TRANSACTION_TYPE:
                view.putInt(transaction(random, view), TYPES[random.nextInt(TYPES.length)]);
                break;
            case TRANSACTION_LEN:
            {
                final int at = transaction(random, view) + ManageTransactionHeaderFlyweight.LEN_OFFSET;
                view.putInt(at, random.nextBoolean() ? view.getInt(at) + 4 * (random.nextInt(9) - 4) :
                    edgeOrRandom(random));
                break;
            }
            case BODY_FIELD:
            {
                final int at = transaction(random, view) + ManageTransactionHeaderFlyweight.HEADER_LENGTH;
                if (bytes.length - at >= Integer.BYTES)
                {
                    view.putInt(at + Integer.BYTES * random.nextInt((bytes.length - at) / Integer.BYTES),
                        edgeOrRandom(random));
                }
                break;
            }
            case TRUNCATE:
                bytes = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length));
                break;
            case EXTEND:
            {
                final int length = bytes.length + 1 + random.nextInt(random.nextBoolean() ? 16 : 4096);
                bytes = Arrays.copyOf(bytes, length);
                fill(random, bytes, message.length);
                if (random.nextBoolean())
                {
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(ManageMessageFlyweight.LEN_OFFSET,
                        length);
                }
                break;
            }
            case RANDOM_BYTES:
                bytes = new byte[1 + random.nextInt(random.nextBoolean() ? 32 : 2048)];
                fill(random, bytes, 0);
                if (bytes.length >= ManageMessageFlyweight.LENGTH && random.nextBoolean())
                {
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, bytes.length)
                        .putInt(4, 1 + random.nextInt(4)).putInt(12, 0);
                }
                break;
            case OVERSIZE:
            {
                final int length = ManageMessageFlyweight.MAX_LENGTH - 64 +
                    random.nextInt(2 * MAX_WRITE - ManageMessageFlyweight.MAX_LENGTH + 64);
                bytes = Arrays.copyOf(bytes, length);
                fill(random, bytes, message.length);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, random.nextBoolean() ? length :
                    ManageMessageFlyweight.MAX_LENGTH + 1 + random.nextInt(1 << 16));
                break;
            }
            default:
                throw new IllegalStateException("mutation: " + mutation);
        }
        return bytes;
    }

    /**
     * The base node may destroy any partition: a PART_DESTROY aimed (or turned by a mutation) at one of the
     * config's partitions is legitimate there, and would end the batch's sessions on that partition's node. Point
     * every such transaction, walked by the same framing the driver uses, at an ID that never existed instead.
     *
     * @return how many were redirected.
     */
    static int spare(final byte[] bytes, final int length, final List<Integer> protectedIds)
    {
        if (length < ManageMessageFlyweight.LENGTH)
        {
            return 0;
        }
        final ByteBuffer view = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        final long count = view.getInt(ManageMessageFlyweight.COUNT_OFFSET) & 0xFFFF_FFFFL;
        int redirected = 0;
        int at = ManageMessageFlyweight.LENGTH;
        for (long i = 0; i < count && at + 2 * Integer.BYTES + Integer.BYTES <= length; i++)
        {
            final int type = view.getInt(at + ManageTransactionHeaderFlyweight.TYPE_OFFSET);
            final int len = view.getInt(at + ManageTransactionHeaderFlyweight.LEN_OFFSET);
            final int id = at + ManageTransactionHeaderFlyweight.HEADER_LENGTH;
            if (type == NodeTypes.PART_DESTROY && protectedIds.contains(view.getInt(id)))
            {
                view.putInt(id, 999);
                redirected++;
            }
            if (len < ManageTransactionHeaderFlyweight.HEADER_LENGTH || len > length - at)
            {
                break;
            }
            at += len;
        }
        return redirected;
    }

    private int partitionToDestroy(final SplittableRandom random)
    {
        if (!createdPartitions.isEmpty() && random.nextBoolean())
        {
            return createdPartitions.get(random.nextInt(createdPartitions.size()));
        }
        return new int[]{0, -1, -2, 1000 + random.nextInt(1000), Integer.MAX_VALUE, Integer.MIN_VALUE}[random.nextInt(6)];
    }

    private static int dbcId(final SplittableRandom random, final Session session)
    {
        if (!session.dbcIds.isEmpty() && random.nextInt(3) != 0)
        {
            return session.dbcIds.get(random.nextInt(session.dbcIds.size()));
        }
        return random.nextInt(4) == 0 ? edgeOrRandom(random) : random.nextInt(17);
    }

    /** @return the offset of a random transaction of a well-formed message. */
    private static int transaction(final SplittableRandom random, final ByteBuffer view)
    {
        int at = ManageMessageFlyweight.LENGTH;
        for (int n = random.nextInt(Math.max(1, view.getInt(ManageMessageFlyweight.COUNT_OFFSET))); n > 0; n--)
        {
            at += view.getInt(at + ManageTransactionHeaderFlyweight.LEN_OFFSET);
        }
        return at;
    }

    private static int edgeOrRandom(final SplittableRandom random)
    {
        return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt();
    }

    private static byte[] bytes(final SplittableRandom random, final int length)
    {
        final byte[] b = new byte[length];
        fill(random, b, 0);
        return b;
    }

    private static void fill(final SplittableRandom random, final byte[] bytes, final int from)
    {
        for (int i = from; i < bytes.length; i++)
        {
            bytes[i] = (byte)random.nextInt(256);
        }
    }
}
