package dev.shadowdev.wire.node;

import java.util.List;
import java.util.Set;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
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
 * Any message the writer builds is valid; any mutation of it is rejected with EINVAL or EMSGSIZE, or stays a
 * message that walks to its end. Never a throw.
 */
class ManageMessageProperties
{
    private static final Set<Errno> DOCUMENTED = Set.of(Errno.EINVAL, Errno.EMSGSIZE);

    record Op(int kind, int a, int dataLen)
    {
    }

    private final ManageMessageWriter writer = new ManageMessageWriter();
    private final ManageMessageValidator validator = new ManageMessageValidator();
    private final WireError error = new WireError();
    private final TransactionCursor cursor = new TransactionCursor();
    private final WireBuffer data = new WireBuffer(new byte[256]);

    @Provide
    Arbitrary<List<Op>> ops()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, 14), Arbitraries.integers(), Arbitraries.integers().between(0, 200))
            .as(Op::new)
            .list().ofMinSize(1).ofMaxSize(16);
    }

    @Property(tries = 300)
    void writtenMessagesAreValid(@ForAll("ops") final List<Op> ops, @ForAll final int tag)
    {
        final WireBuffer buffer = new WireBuffer(new byte[8192]);
        final int length = build(buffer, ops, tag);

        assertEquals(0, validator.validate(buffer, 0, length, error), error.message());
        cursor.wrapMessage(buffer, 0, ManageMessageFlyweight.LAYOUT);
        int seen = 0;
        while (cursor.next())
        {
            assertEquals(typeOf(ops.get(seen).kind()), cursor.type());
            seen++;
        }
        assertEquals(ops.size(), seen);
    }

    @Property(tries = 1000)
    void mutatedMessagesAreRejectedWithADocumentedErrnoOrStayValid(
        @ForAll("ops") final List<Op> ops,
        @ForAll @Size(min = 1, max = 4) final List<@IntRange(min = 0, max = 1 << 20) Integer> positions,
        @ForAll @Size(min = 4, max = 4) final List<Byte> values,
        @ForAll @IntRange(min = -8, max = 8) final int lengthDelta)
    {
        final WireBuffer buffer = new WireBuffer(new byte[8192]);
        final int length = build(buffer, ops, 1);
        for (int i = 0; i < positions.size(); i++)
        {
            buffer.putByte(positions.get(i) % (length + 8), values.get(i));
        }
        final int written = Math.max(0, length + lengthDelta);

        final int result = validator.validate(buffer, 0, written, error);
        final int ioctl = validator.validateIoctl(new WireBuffer(buffer.byteBuffer().duplicate().limit(4096)
            .slice()), 0, new WireError());
        if (result == 0)
        {
            cursor.wrapMessage(buffer, 0, ManageMessageFlyweight.LAYOUT);
            while (cursor.next())
            {
                assertTrue(NodeTypes.isKnown(cursor.type()));
            }
            assertTrue(cursor.isComplete());
        }
        else
        {
            assertTrue(DOCUMENTED.contains(error.errno()), error.toString());
            assertEquals(error.status(), result);
        }
        assertTrue(ioctl == 0 || ioctl == -22 || ioctl == -90);
    }

    private int build(final WireBuffer buffer, final List<Op> ops, final int tag)
    {
        writer.wrap(buffer, 0, 8192).begin(tag);
        for (final Op op : ops)
        {
            final int offset;
            switch (op.kind())
            {
                case 0: offset = writer.appendPassthrough(data, 0, op.dataLen() & ~7); break;
                case 1: offset = writer.appendDmaXfer(op.a(), op.a() & 0xFFFF, data, 0, op.dataLen()); break;
                case 2: offset = writer.appendActivate(op.a()); break;
                case 3: offset = writer.appendDeactivate(op.a()); break;
                case 4: offset = writer.appendStatus(); break;
                case 5: offset = writer.appendExecute(op.a(), data, 0, op.dataLen()); break;
                case 6: offset = writer.appendPartCreate("n" + op.a(), new long[]{op.a(), 0, 1, 2, 3}); break;
                case 7: offset = writer.appendPartDestroy(op.a(), op.a() & 1); break;
                case 8: offset = writer.appendPartQuery(); break;
                case 10: offset = writer.appendPartBind(op.a(), op.a() & 1, data, 0, op.dataLen()); break;
                case 11: offset = writer.appendPartCreateEx(
                    "x" + op.a(), new long[]{op.a(), 0, 1, 2, 3}, new long[]{op.a(), 4, 5, 6, 7}, op.a() & 1); break;
                case 12: offset = writer.appendPartResize(
                    op.a(), op.a() & 7, new long[]{1, 2, 3, 4, op.a()}, new long[]{op.dataLen(), 0, 0, 0, 0}); break;
                case 13: offset = writer.appendPartDrain(op.a(), op.a() & 1, op.dataLen() * 1000 + op.a()); break;
                case 14: offset = writer.appendPartQueryEx(); break;
                default: offset = writer.appendPoolQuery(); break;
            }
            assertTrue(offset > 0);
        }
        return writer.finish();
    }

    private static int typeOf(final int kind)
    {
        final int[] types = {NodeTypes.PASSTHROUGH, NodeTypes.DMA_XFER, NodeTypes.ACTIVATE, NodeTypes.DEACTIVATE,
            NodeTypes.STATUS, NodeTypes.EXECUTE, NodeTypes.PART_CREATE, NodeTypes.PART_DESTROY, NodeTypes.PART_QUERY,
            NodeTypes.POOL_QUERY, NodeTypes.PART_BIND, NodeTypes.PART_CREATE, NodeTypes.PART_RESIZE,
            NodeTypes.PART_DRAIN, NodeTypes.PART_QUERY_EX};
        return types[kind];
    }
}
