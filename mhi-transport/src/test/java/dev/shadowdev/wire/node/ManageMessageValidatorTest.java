package dev.shadowdev.wire.node;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every rejection of {@link ManageMessageValidator} (ABI.md 1.1, 1.3): exact errno and exact reason.
 */
class ManageMessageValidatorTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[70_000]);
    private final ManageMessageWriter writer = new ManageMessageWriter();
    private final ManageMessageValidator validator = new ManageMessageValidator();
    private final WireError error = new WireError();

    @Test
    void acceptsEveryTransactionType()
    {
        final WireBuffer data = new WireBuffer(new byte[64]);
        writer.wrap(buffer, 0, 65536).begin(1);
        writer.appendPassthrough(data, 0, 16);
        writer.appendDmaXfer(0, 0, data, 0, 13);
        writer.appendActivate(0);
        writer.appendDeactivate(2);
        writer.appendStatus();
        writer.appendExecute(2, data, 0, 0);
        writer.appendPartCreate("p", new long[5]);
        writer.appendPartDestroy(1, PartDestroyRequestFlyweight.FLAG_FORCE);
        writer.appendPartQuery();
        writer.appendPoolQuery();
        writer.appendPartBind(1, PartBindRequestFlyweight.FLAG_UNBIND, data, 0, 11);
        writer.appendPartCreateEx("q", new long[5], new long[5], 1);
        writer.appendPartResize(1, 7, new long[5], new long[5]);
        writer.appendPartDrain(1, 1, -1);
        writer.appendPartQueryEx();
        final int length = writer.finish();

        assertEquals(0, validator.validate(buffer, 0, length, error), error.message());
        assertTrue(error.isOk());
    }

    @Test
    void rejectsAMessageOutsideTheBuffer()
    {
        assertRejected(Errno.EINVAL, "message outside buffer: offset=69990 length=16 capacity=70000",
            validator.validate(buffer, 69_990, 16, error));
    }

    @Test
    void rejectsAShortWrite()
    {
        status();

        assertRejected(Errno.EINVAL, "message shorter than header: length=15",
            validator.validate(buffer, 0, 15, error));
    }

    @Test
    void rejectsAnOversizedMessageWithEmsgsize()
    {
        status();
        buffer.putInt(ManageMessageFlyweight.LEN_OFFSET, 65544);

        assertRejected(Errno.EMSGSIZE, "message too long: len=65544 max=65536",
            validator.validate(buffer, 0, 65544, error));
        buffer.putInt(ManageMessageFlyweight.LEN_OFFSET, -8);
        assertRejected(Errno.EMSGSIZE, "message too long: len=4294967288 max=65536",
            validator.validate(buffer, 0, 65544, error));
    }

    @Test
    void rejectsAnIoctlMessageAbove4096()
    {
        status();
        buffer.putInt(ManageMessageFlyweight.LEN_OFFSET, 4104);

        assertRejected(Errno.EMSGSIZE, "message too long: len=4104 max=4096",
            validator.validateIoctl(buffer, 0, error));
    }

    @Test
    void acceptsAnIoctlMessageShorterThanItsArgument()
    {
        status();

        assertEquals(0, validator.validateIoctl(buffer, 0, error), error.message());
        assertRejected(Errno.EINVAL, "message outside buffer: offset=69000 length=4096 capacity=70000",
            validator.validateIoctl(buffer, 69_000, error));
    }

    @Test
    void rejectsLenBelowTheHeader()
    {
        status();
        buffer.putInt(ManageMessageFlyweight.LEN_OFFSET, 8);

        assertRejected(Errno.EINVAL, "message len below header: len=8", validator.validate(buffer, 0, 24, error));
    }

    @Test
    void rejectsLenOtherThanTheWrite()
    {
        final int length = status();

        assertRejected(Errno.EINVAL, "message len does not match write: len=24 length=32",
            validator.validate(buffer, 0, length + 8, error));
    }

    @Test
    void rejectsNonZeroReserved()
    {
        final int length = status();
        buffer.putInt(ManageMessageFlyweight.RESERVED_OFFSET, 1);

        assertRejected(Errno.EINVAL, "bad reserved: reserved=1", validator.validate(buffer, 0, length, error));
    }

    @Test
    void rejectsBadCounts()
    {
        final int length = status();
        buffer.putInt(ManageMessageFlyweight.COUNT_OFFSET, 0);
        assertRejected(Errno.EINVAL, "bad count: count=0", validator.validate(buffer, 0, length, error));

        buffer.putInt(ManageMessageFlyweight.COUNT_OFFSET, 513);
        assertRejected(Errno.EINVAL, "count too large: count=513 max=512",
            validator.validate(buffer, 0, length, error));

        buffer.putInt(ManageMessageFlyweight.COUNT_OFFSET, 2);
        assertRejected(Errno.EINVAL, "count exceeds message: count=2 len=24",
            validator.validate(buffer, 0, length, error));
    }

    @Test
    void acceptsExactly512Transactions()
    {
        writer.wrap(buffer, 0, 65536).begin(1);
        for (int i = 0; i < 512; i++)
        {
            assertTrue(writer.appendStatus() > 0);
        }
        assertEquals(ManageMessageWriter.INSUFFICIENT_CAPACITY, writer.appendStatus());
        final int length = writer.finish();

        assertEquals(0, validator.validate(buffer, 0, length, error), error.message());
    }

    @Test
    void rejectsBadFraming()
    {
        writer.wrap(buffer, 0, 4096).begin(1);
        writer.appendStatus();
        writer.appendStatus();
        final int length = writer.finish();

        buffer.putInt(16 + 4, 0);
        assertRejected(Errno.EINVAL, "transaction len below header: index=0 len=0",
            validator.validate(buffer, 0, length, error));
        buffer.putInt(16 + 4, 12);
        assertRejected(Errno.EINVAL, "transaction len not multiple of 8: index=0 len=12",
            validator.validate(buffer, 0, length, error));
        buffer.putInt(16 + 4, 24);
        assertRejected(Errno.EINVAL, "transaction runs past message: index=0 len=24 remaining=16",
            validator.validate(buffer, 0, length, error));
        buffer.putInt(16 + 4, 16);
        assertRejected(Errno.EINVAL, "transaction header runs past message: index=1 remaining=0",
            validator.validate(buffer, 0, length, error));
        buffer.putInt(16 + 4, 8);
        buffer.putInt(ManageMessageFlyweight.COUNT_OFFSET, 1);
        assertRejected(Errno.EINVAL, "transactions do not fill message: len=32 used=24",
            validator.validate(buffer, 0, length, error));
    }

    @Test
    void rejectsAnUnknownType()
    {
        final int length = status();
        buffer.putInt(16, 2);

        assertRejected(Errno.EINVAL, "unknown transaction type: index=0 type=0x2",
            validator.validate(buffer, 0, length, error));
        buffer.putInt(16, -1);
        assertRejected(Errno.EINVAL, "unknown transaction type: index=0 type=0xffffffff",
            validator.validate(buffer, 0, length, error));
    }

    @Test
    void rejectsFixedBodiesOfTheWrongSize()
    {
        assertBadLength(NodeTypes.ACTIVATE, 24, "bad transaction len: index=1 type=0x7 len=24 expected=16");
        assertBadLength(NodeTypes.DEACTIVATE, 8, "bad transaction len: index=1 type=0xa len=8 expected=16");
        assertBadLength(NodeTypes.STATUS, 16, "bad transaction len: index=1 type=0xc len=16 expected=8");
        assertBadLength(NodeTypes.PART_CREATE, 88, "bad transaction len: index=1 type=0x102 len=88 expected=80");
        assertBadLength(NodeTypes.PART_CREATE, 72, "bad transaction len: index=1 type=0x102 len=72 expected=80");
        assertBadLength(NodeTypes.PART_DESTROY, 24, "bad transaction len: index=1 type=0x103 len=24 expected=16");
        assertBadLength(NodeTypes.PART_QUERY, 16, "bad transaction len: index=1 type=0x104 len=16 expected=8");
        assertBadLength(NodeTypes.POOL_QUERY, 16, "bad transaction len: index=1 type=0x105 len=16 expected=8");
        assertBadLength(NodeTypes.DMA_XFER, 16, "bad transaction len: index=1 type=0x5 len=16 expected=24");
        assertBadLength(NodeTypes.EXECUTE, 8, "bad transaction len: index=1 type=0x101 len=8 expected=16");
        assertBadLength(NodeTypes.PART_BIND, 16, "bad transaction len: index=1 type=0x109 len=16 expected=24");
    }

    @Test
    void rejectsElasticBodiesOfTheWrongSize()
    {
        assertBadLength(NodeTypes.PART_CREATE, 120, "bad transaction len: index=1 type=0x102 len=120 expected=80");
        assertBadLength(NodeTypes.PART_CREATE, 136, "bad transaction len: index=1 type=0x102 len=136 expected=128");
        assertBadLength(NodeTypes.PART_RESIZE, 88, "bad transaction len: index=1 type=0x106 len=88 expected=96");
        assertBadLength(NodeTypes.PART_RESIZE, 104, "bad transaction len: index=1 type=0x106 len=104 expected=96");
        assertBadLength(NodeTypes.PART_DRAIN, 16, "bad transaction len: index=1 type=0x107 len=16 expected=24");
        assertBadLength(NodeTypes.PART_DRAIN, 32, "bad transaction len: index=1 type=0x107 len=32 expected=24");
        assertBadLength(NodeTypes.PART_QUERY_EX, 16, "bad transaction len: index=1 type=0x108 len=16 expected=8");
    }

    @Test
    void rejectsUnknownElasticFlagsAndReserved()
    {
        writer.wrap(buffer, 0, 4096).begin(1);
        writer.appendStatus();
        final int create = writer.appendPartCreateEx("q", new long[5], new long[5], 1);
        final int length = writer.finish();
        assertEquals(0, validator.validate(buffer, 0, length, error), error.message());
        buffer.putInt(create + dev.shadowdev.wire.PartCreateExFlyweight.FLAGS_OFFSET, 3);
        assertRejected(Errno.EINVAL, "bad flags: index=1 flags=0x3", validator.validate(buffer, 0, length, error));
        buffer.putInt(create + dev.shadowdev.wire.PartCreateExFlyweight.FLAGS_OFFSET, 1);
        buffer.putInt(create + dev.shadowdev.wire.PartCreateExFlyweight.RESERVED_OFFSET, 4);
        assertRejected(Errno.EINVAL, "bad reserved: index=1 reserved=4", validator.validate(buffer, 0, length, error));

        writer.wrap(buffer, 0, 4096).begin(1);
        final int resize = writer.appendPartResize(2, 8, new long[5], new long[5]);
        final int resizeLength = writer.finish();
        assertRejected(Errno.EINVAL, "bad flags: index=0 flags=0x8",
            validator.validate(buffer, 0, resizeLength, error));
        buffer.putInt(resize + dev.shadowdev.wire.PartResizeFlyweight.FLAGS_OFFSET, 0x80000001);
        assertRejected(Errno.EINVAL, "bad flags: index=0 flags=0x80000001",
            validator.validate(buffer, 0, resizeLength, error));
        buffer.putInt(resize + dev.shadowdev.wire.PartResizeFlyweight.FLAGS_OFFSET, 6);
        assertEquals(0, validator.validate(buffer, 0, resizeLength, error), "set and clear lend is the model's");

        writer.wrap(buffer, 0, 4096).begin(1);
        final int drain = writer.appendPartDrain(2, 2, 0);
        final int drainLength = writer.finish();
        assertRejected(Errno.EINVAL, "bad flags: index=0 flags=0x2", validator.validate(buffer, 0, drainLength, error));
        buffer.putInt(drain + dev.shadowdev.wire.PartDrainFlyweight.FLAGS_OFFSET, 1);
        buffer.putInt(drain + dev.shadowdev.wire.PartDrainFlyweight.RESERVED_OFFSET, -1);
        assertRejected(Errno.EINVAL, "bad reserved: index=0 reserved=4294967295",
            validator.validate(buffer, 0, drainLength, error));
    }

    @Test
    void rejectsDataLenThatDoesNotFit()
    {
        final int offset = dataTransaction(NodeTypes.DMA_XFER, 5);
        buffer.putInt(offset + DmaXferRequestFlyweight.DATA_LEN_OFFSET, 100);

        assertRejected(Errno.EINVAL, "data_len does not fit: index=0 data_len=100 room=8",
            validator.validate(buffer, 0, writer.length(), error));

        final int execute = dataTransaction(NodeTypes.EXECUTE, 16);
        buffer.putInt(execute + ExecuteRequestFlyweight.DATA_LEN_OFFSET, -1);
        assertRejected(Errno.EINVAL, "data_len does not fit: index=0 data_len=4294967295 room=16",
            validator.validate(buffer, 0, writer.length(), error));
    }

    @Test
    void rejectsPaddingBeyondTheData()
    {
        final int offset = dataTransaction(NodeTypes.DMA_XFER, 13);
        buffer.putInt(offset + DmaXferRequestFlyweight.DATA_LEN_OFFSET, 5);

        assertRejected(Errno.EINVAL, "bad transaction len: index=0 type=0x5 len=40 expected=32",
            validator.validate(buffer, 0, writer.length(), error));

        final int execute = dataTransaction(NodeTypes.EXECUTE, 8);
        buffer.putInt(execute + ExecuteRequestFlyweight.DATA_LEN_OFFSET, 0);
        assertRejected(Errno.EINVAL, "bad transaction len: index=0 type=0x101 len=24 expected=16",
            validator.validate(buffer, 0, writer.length(), error));
    }

    @Test
    void rejectsActivateOptions()
    {
        writer.wrap(buffer, 0, 4096).begin(1);
        final int offset = writer.appendActivate(3);
        final int length = writer.finish();
        buffer.putInt(offset + ActivateRequestFlyweight.OPTIONS_OFFSET, 1);

        assertRejected(Errno.EINVAL, "bad options: index=0 options=1", validator.validate(buffer, 0, length, error));
    }

    @Test
    void rejectsDeactivateReserved()
    {
        writer.wrap(buffer, 0, 4096).begin(1);
        final int offset = writer.appendDeactivate(3);
        final int length = writer.finish();
        buffer.putInt(offset + DeactivateRequestFlyweight.RESERVED_OFFSET, 7);

        assertRejected(Errno.EINVAL, "bad reserved: index=0 reserved=7", validator.validate(buffer, 0, length, error));
    }

    @Test
    void rejectsPartBindFramingAndLeavesThePathToTheDriver()
    {
        final WireBuffer path = new WireBuffer("/machine.slice/tenant-a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writer.wrap(buffer, 0, 4096).begin(1);
        final int offset = writer.appendPartBind(3, 0, path, 0, path.capacity());
        final int length = writer.finish();
        assertEquals(24 + 24, buffer.getInt(offset + ManageTransactionHeaderFlyweight.LEN_OFFSET));
        assertEquals(0, validator.validate(buffer, 0, length, error), error.message());

        buffer.putInt(offset + PartBindRequestFlyweight.PATH_LEN_OFFSET, 25);
        assertRejected(Errno.EINVAL, "data_len does not fit: index=0 data_len=25 room=24",
            validator.validate(buffer, 0, length, error));
        buffer.putInt(offset + PartBindRequestFlyweight.PATH_LEN_OFFSET, 16);
        assertRejected(Errno.EINVAL, "bad transaction len: index=0 type=0x109 len=48 expected=40",
            validator.validate(buffer, 0, length, error));
        buffer.putInt(offset + PartBindRequestFlyweight.PATH_LEN_OFFSET, 23);
        buffer.putInt(offset + PartBindRequestFlyweight.FLAGS_OFFSET, 2);
        assertRejected(Errno.EINVAL, "bad flags: index=0 flags=0x2", validator.validate(buffer, 0, length, error));
        buffer.putInt(offset + PartBindRequestFlyweight.FLAGS_OFFSET, 1);
        buffer.putInt(offset + PartBindRequestFlyweight.RESERVED_OFFSET, 9);
        assertRejected(Errno.EINVAL, "bad reserved: index=0 reserved=9", validator.validate(buffer, 0, length, error));
    }

    @Test
    void rejectsUnknownPartDestroyFlags()
    {
        writer.wrap(buffer, 0, 4096).begin(1);
        writer.appendPartDestroy(3, 2);
        final int length = writer.finish();

        assertRejected(Errno.EINVAL, "bad flags: index=0 flags=0x2", validator.validate(buffer, 0, length, error));
    }

    private int status()
    {
        writer.wrap(buffer, 0, 4096).begin(7);
        writer.appendStatus();
        return writer.finish();
    }

    private int dataTransaction(final int type, final int dataLen)
    {
        final WireBuffer data = new WireBuffer(new byte[64]);
        writer.wrap(buffer, 0, 4096).begin(7);
        final int offset = type == NodeTypes.DMA_XFER ?
            writer.appendDmaXfer(1, 0, data, 0, dataLen) : writer.appendExecute(1, data, 0, dataLen);
        writer.finish();
        return offset;
    }

    private void assertBadLength(final int type, final int len, final String message)
    {
        writer.wrap(buffer, 0, 4096).begin(7);
        writer.appendStatus();
        assertTrue(writer.reserve(type, len) > 0);
        final int length = writer.finish();

        assertRejected(Errno.EINVAL, message, validator.validate(buffer, 0, length, error));
    }

    private void assertRejected(final Errno errno, final String message, final int result)
    {
        assertEquals(errno.status(), result);
        assertEquals(errno, error.errno());
        assertEquals(message, error.message());
    }
}
