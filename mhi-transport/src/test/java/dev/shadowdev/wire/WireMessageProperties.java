package dev.shadowdev.wire;

import java.util.List;
import java.util.Set;

import dev.shadowdev.abi.Errno;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random messages of random transactions: they round-trip, and no mutation makes the decoder throw or accept a
 * message it cannot walk.
 */
class WireMessageProperties
{
    /** The errnos {@link WireMessageValidator} documents. */
    private static final Set<Errno> DOCUMENTED = Set.of(Errno.EINVAL, Errno.EBADMSG, Errno.EMSGSIZE);

    /** One transaction to append: a type selector and a few field values. */
    record Op(int kind, int a, long b, int dataWords)
    {
    }

    private final WireRequestWriter request = new WireRequestWriter();
    private final WireResponseWriter response = new WireResponseWriter();
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();
    private final TransactionCursor cursor = new TransactionCursor();

    @Provide
    Arbitrary<List<Op>> ops()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, 31),
            Arbitraries.integers(),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 6))
            .as(Op::new)
            .list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void requestsAndResponsesRoundTrip(
        @ForAll("ops") final List<Op> generated, @ForAll final int sequence, @ForAll final boolean crc)
    {
        final List<Op> ops = sameDirection(generated);
        final WireBuffer buffer = new WireBuffer(new byte[8192]);
        final int length = build(buffer, ops, sequence, crc);
        final WireDirection direction = ops.get(0).kind() < 16 ? WireDirection.TO_DEV : WireDirection.FROM_DEV;

        assertEquals(0, validator.verify(buffer, 0, length, direction, crc, error), error.message());
        cursor.wrapWireMessage(buffer, 0);
        int index = 0;
        while (cursor.next())
        {
            final int expectedType = expectedType(ops.get(index));
            if (expectedType >= 0)
            {
                assertEquals(expectedType, cursor.type());
            }
            assertField(buffer, cursor.offset(), ops.get(index));
            index++;
        }
        assertEquals(ops.size(), index);
        assertTrue(cursor.isComplete());
        assertEquals(sequence, new WireMessageHeaderFlyweight().wrap(buffer, 0).sequenceNumber());
    }

    @Property(tries = 1000)
    void aMutatedMessageIsRejectedWithADocumentedErrnoOrIsValid(
        @ForAll("ops") final List<Op> ops,
        @ForAll @Size(min = 1, max = 4) final List<@IntRange(min = 0, max = 1 << 20) Integer> positions,
        @ForAll @Size(min = 4, max = 4) final List<Byte> values,
        @ForAll final boolean crc,
        @ForAll @IntRange(min = -8, max = 8) final int lengthDelta)
    {
        final WireBuffer buffer = new WireBuffer(new byte[8192]);
        final int length = build(buffer, ops, 1, crc);
        for (int i = 0; i < positions.size(); i++)
        {
            buffer.putByte(positions.get(i) % (length + 8), values.get(i));
        }
        final int received = Math.max(0, Math.min(buffer.capacity(), length + lengthDelta));

        for (final WireDirection direction : WireDirection.values())
        {
            final int result = validator.verify(buffer, 0, received, direction, crc, error);
            if (result == 0)
            {
                assertTrue(error.isOk());
                cursor.wrapWireMessage(buffer, 0);
                while (cursor.next())
                {
                    assertTrue(direction.carries(cursor.type()));
                }
                assertTrue(cursor.isComplete(), "a valid message can be walked to its end");
            }
            else
            {
                assertTrue(DOCUMENTED.contains(error.errno()), error.toString());
                assertEquals(error.errno().status(), result);
                assertFalse(error.message().isEmpty());
            }
        }
    }

    @Property(tries = 500)
    void withCrcOnAnyChangedByteOfTheMessageIsRejected(
        @ForAll("ops") final List<Op> ops,
        @ForAll @IntRange(min = 0, max = 1 << 20) final int position,
        @ForAll @IntRange(min = 1, max = 255) final int xor)
    {
        final WireBuffer buffer = new WireBuffer(new byte[8192]);
        final int length = build(buffer, ops, 1, true);
        final int index = position % length;
        buffer.putByte(index, (byte)(buffer.getByte(index) ^ xor));
        final WireDirection direction = ops.get(0).kind() < 16 ? WireDirection.TO_DEV : WireDirection.FROM_DEV;

        assertTrue(validator.verify(buffer, 0, length, direction, true, error) < 0);
        assertTrue(DOCUMENTED.contains(error.errno()), error.toString());
    }

    /** Kinds 0..15 are requests, 16..31 responses; the first op picks the direction of all. */
    private static List<Op> sameDirection(final List<Op> ops)
    {
        final boolean toDev = ops.get(0).kind() < 16;
        return ops.stream()
            .map(op -> new Op((toDev ? 0 : 16) + op.kind() % 16, op.a(), op.b(), op.dataWords()))
            .toList();
    }

    private int build(final WireBuffer buffer, final List<Op> generated, final int sequence, final boolean crc)
    {
        final List<Op> ops = sameDirection(generated);
        final boolean toDev = ops.get(0).kind() < 16;
        final WireMessageWriter writer = toDev ? request.wrap(buffer, 0, 8192) : response.wrap(buffer, 0, 8192);
        writer.begin(sequence, 7, -1);
        for (final Op op : ops)
        {
            final int offset = toDev ? appendRequest(op) : appendResponse(op);
            assertTrue(offset > 0, "append " + op);
        }
        return writer.finish(crc);
    }

    private int appendRequest(final Op op)
    {
        final WireBuffer data = new WireBuffer(new byte[64]);
        data.putLong(0, op.b());
        switch (op.kind())
        {
            case 0: return request.appendPassthrough(data, 0, op.dataWords() * 8);
            case 1:
            {
                final long[] addrs = {op.b(), 1, 2, 3, 4, 5, 6};
                final long[] sizes = {op.a(), 1, 1, 1, 1, 1, 1};
                return request.appendDmaXfer(op.a(), 0, 0, addrs, sizes, 0, 1 + op.dataWords());
            }
            case 2: return request.appendActivate(op.b(), ~op.b(), op.a(), op.a() + 1, op.dataWords(), op.a());
            case 3: return request.appendStatus();
            case 4: return request.appendTerminate(op.a());
            case 5: return request.appendValidatePartition(op.a());
            case 6: return request.appendDeactivate(op.a());
            case 7: return request.appendPartCreate("p" + op.dataWords(), new long[]{op.b(), 1, 2, 3, op.a()});
            case 8: return request.appendPartDestroy(op.a(), op.dataWords() & 1);
            case 9: return request.appendPartQuery();
            case 10: return request.appendPoolQuery();
            case 11: return request.appendPartCreateEx("e" + op.dataWords(), new long[]{op.b(), 1, 2, 3, op.a()},
                new long[]{op.b(), 4, 5, 6, op.a()}, op.a() & 1);
            case 12: return request.appendPartResize(op.a(), op.dataWords(), new long[]{op.b(), 0, 0, 0, 1},
                new long[]{op.b(), 1, 1, 1, 1});
            case 13: return request.appendPartDrain(op.a(), op.dataWords() & 1, (int)op.b());
            case 14: return request.appendPartQueryEx();
            default: return request.appendDmaAbort(op.a() | 1);
        }
    }

    private int appendResponse(final Op op)
    {
        final WireBuffer data = new WireBuffer(new byte[64]);
        data.putLong(0, op.b());
        switch (op.kind())
        {
            case 16: return response.appendPassthrough(data, 0, op.dataWords() * 8);
            case 17: return response.appendActivate(op.a(), op.a() ^ 5, op.b());
            case 18: return response.appendDeactivate(op.a(), 3);
            case 19: return response.appendStatus(op.a(), op.a() >>> 16, op.a(), op.b());
            case 20: return response.appendTerminate(op.a());
            case 21: return response.appendDmaXferCont(op.a(), op.b());
            case 22: return response.appendValidatePartition(op.a());
            case 23: return response.appendPartCreate(op.a(), op.a() + 1, op.dataWords());
            case 24: return response.appendPartDestroy(op.a());
            case 25: return response.appendPartQuery(op.a(), op.dataWords() % 3);
            case 26: return response.appendPoolQuery(op.a(), new long[]{op.b(), 1, 2, 3, 4}, new long[5]);
            case 27: return response.appendPartResize(op.a(), op.dataWords(), (int)op.b());
            case 28: return response.appendPartDrain(op.a(), (int)op.b());
            case 29: return response.appendPartQueryEx(op.a(), op.dataWords() % 3);
            default: return response.appendError(op.a(), op.a() | Integer.MIN_VALUE);
        }
    }

    private static int expectedType(final Op op)
    {
        final int kind = op.kind();
        final int[] requests = {
            WireTypes.PASSTHROUGH_TO_DEV, WireTypes.DMA_XFER_TO_DEV, WireTypes.ACTIVATE_TO_DEV,
            WireTypes.STATUS_TO_DEV, WireTypes.TERMINATE_TO_DEV, WireTypes.VALIDATE_PARTITION_TO_DEV,
            WireTypes.DEACTIVATE_TO_DEV, WireTypes.PART_CREATE_TO_DEV, WireTypes.PART_DESTROY_TO_DEV,
            WireTypes.PART_QUERY_TO_DEV, WireTypes.POOL_QUERY_TO_DEV, WireTypes.PART_CREATE_TO_DEV,
            WireTypes.PART_RESIZE_TO_DEV, WireTypes.PART_DRAIN_TO_DEV, WireTypes.PART_QUERY_EX_TO_DEV,
            WireTypes.DMA_XFER_TO_DEV};
        final int[] responses = {
            WireTypes.PASSTHROUGH_FROM_DEV, WireTypes.ACTIVATE_FROM_DEV, WireTypes.DEACTIVATE_FROM_DEV,
            WireTypes.STATUS_FROM_DEV, WireTypes.TERMINATE_FROM_DEV, WireTypes.DMA_XFER_CONT,
            WireTypes.VALIDATE_PARTITION_FROM_DEV, WireTypes.PART_CREATE_FROM_DEV, WireTypes.PART_DESTROY_FROM_DEV,
            WireTypes.PART_QUERY_FROM_DEV, WireTypes.POOL_QUERY_FROM_DEV, WireTypes.PART_RESIZE_FROM_DEV,
            WireTypes.PART_DRAIN_FROM_DEV, WireTypes.PART_QUERY_EX_FROM_DEV,
            -1 /* checked by assertField */, -1 /* checked by assertField */};
        return kind < 16 ? requests[kind] : responses[kind - 16];
    }

    /** The first field after the header carries a value derived from the op: check it came back. */
    private static void assertField(final WireBuffer buffer, final int offset, final Op op)
    {
        final int kind = op.kind();
        final int body = offset + WireTransactionHeaderFlyweight.HEADER_LENGTH;
        switch (kind)
        {
            case 1: assertEquals(op.b(), new DmaXferFlyweight().wrap(buffer, offset).addr(0)); break;
            case 2: assertEquals(op.b(), buffer.getLong(body)); break;
            case 4: case 5: case 6: case 8: assertEquals(op.a(), buffer.getInt(body)); break;
            case 15: assertEquals(op.a() | 1, new DmaXferFlyweight().wrap(buffer, offset).dmaChunkId()); break;
            case 17: assertEquals(op.b(), new ActivateFromDevFlyweight().wrap(buffer, offset).options()); break;
            case 19: assertEquals(op.b(), new StatusFromDevFlyweight().wrap(buffer, offset).statusFlags()); break;
            case 21: assertEquals(op.b(), new DmaXferContFlyweight().wrap(buffer, offset).xferredSize()); break;
            case 18: case 20: case 22: case 23: case 24: case 25: case 26: case 27: case 28: case 29:
                assertEquals(op.a(), buffer.getInt(body));
                break;
            case 12: case 13: assertEquals(op.a(), buffer.getInt(body)); break;
            case 11: assertEquals(op.a(), new PartCreateExFlyweight().wrap(buffer, offset).max(4)); break;
            case 30: case 31:
            {
                final int requestType = op.a();
                final int responseType = WireTypes.responseTypeOf(requestType);
                final int type = buffer.getInt(offset);
                if (type == WireTypes.RESULT_FROM_DEV)
                {
                    assertEquals(requestType, new ResultFromDevFlyweight().wrap(buffer, offset).requestType());
                }
                else
                {
                    assertEquals(responseType, type);
                }
                assertEquals(op.a() | Integer.MIN_VALUE, buffer.getInt(offset + WireLayouts.statusOffset(type)));
                break;
            }
            default:
                break;
        }
    }
}
