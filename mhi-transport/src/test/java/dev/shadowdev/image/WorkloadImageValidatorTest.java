package dev.shadowdev.image;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkloadImageValidatorTest
{
    @Test
    void acceptsTheHandWrittenImage()
    {
        assertDoesNotThrow(() -> WorkloadImageValidator.validate(wrap(WorkloadImageDescriptorTest.EXPECTED)));
    }

    @Test
    void acceptsAMemoryNeedEqualToTheImageSize()
    {
        assertDoesNotThrow(() -> WorkloadImageValidator.validate(withCrc(image -> image.need(1, 132))));
    }

    @Test
    void acceptsAnEmptyNameAndAnEmptyPayload()
    {
        final byte[] bytes = new WorkloadImageWriter().needs(1, 128, 0, 0, 1).toBytes();

        assertDoesNotThrow(() -> WorkloadImageValidator.validate(wrap(bytes)));
    }

    @Test
    void refusesAnImageShorterThanItsHeader()
    {
        assertRefused("image shorter than its header: size=100 header_len=128",
            new WorkloadImageDescriptor().wrap(ByteBuffer.wrap(WorkloadImageDescriptorTest.EXPECTED), 0, 100));
    }

    @Test
    void refusesBadMagicBeforeAnythingElse()
    {
        assertRefused("bad image magic: magic=0x12345678", without(image -> image.magic(0x12345678).version(9)));
    }

    @Test
    void refusesBadVersion()
    {
        assertRefused("bad image version: version=2", withCrc(image -> image.version(2)));
    }

    @Test
    void refusesBadHeaderLength()
    {
        assertRefused("bad image header_len: header_len=64", withCrc(image -> image.headerLength(64)));
    }

    @Test
    void refusesBadHeaderCrc()
    {
        assertRefused("bad image header_crc: header_crc=0xdeadbeef expected=0x4d508ea8",
            without(image -> image.headerCrc(0xdeadbeef)));
    }

    @Test
    void refusesAChangedFieldWhoseCrcWasNotUpdated()
    {
        final InvalidImageException ex = assertThrows(
            InvalidImageException.class, () -> WorkloadImageValidator.validate(without(image -> image.opArg(0x5b))));
        assertEquals(true, ex.getMessage().startsWith("bad image header_crc: header_crc=0x4d508ea8 expected=0x"));
    }

    @Test
    void refusesNonZeroReservedBytes()
    {
        final byte[] bytes = WorkloadImageDescriptorTest.EXPECTED.clone();
        bytes[101] = 7;

        assertRefused("bad image reserved: offset=101 value=0x07", wrap(bytes));
    }

    @Test
    void refusesANameWithoutTerminator()
    {
        assertRefused("image name not terminated: bytes=32", withCrc(image -> fillName(image, "x".repeat(32))));
    }

    @Test
    void refusesBytesAfterTheNameTerminator()
    {
        assertRefused("bad image name padding: offset=20 value=0x41",
            withCrc(image -> image.buffer().put(image.offset() + 20, (byte)'A')));
    }

    @Test
    void refusesMalformedUtf8InTheName()
    {
        assertRefused("malformed image name: offset=9",
            withCrc(image -> image.buffer().put(8, (byte)'a').put(9, (byte)0xc3).put(10, (byte)0x28)));
        assertRefused("malformed image name: offset=8", withCrc(image -> image.buffer().put(8, (byte)0xff)));
    }

    @Test
    void acceptsMultiByteUtf8InTheName()
    {
        assertDoesNotThrow(() -> WorkloadImageValidator.validate(withCrc(image -> image.name("größe-µ"))));
    }

    @Test
    void refusesUnknownOps()
    {
        assertRefused("unknown image op: op=9", withCrc(image -> image.op(9)));
        assertRefused("unknown image op: op=0", withCrc(image -> image.op(0)));
        assertRefused("unknown image op: op=4294967295", withCrc(image -> image.op(-1)));
    }

    @Test
    void refusesNeedsAboveTheSignedRange()
    {
        assertRefused("image need out of range: needs[2]=18446744073709551615", withCrc(image -> image.need(2, -1)));
    }

    @Test
    void refusesImagesNeedingNoCores()
    {
        assertRefused("image needs no cores: needs[0]=0", withCrc(image -> image.need(0, 0)));
    }

    @Test
    void refusesImagesNeedingNoDmaChannels()
    {
        assertRefused("image needs no dma channels: needs[4]=0", withCrc(image -> image.need(4, 0)));
    }

    @Test
    void refusesAPayloadLengthThatIsNotTheRestOfTheImage()
    {
        assertRefused("bad image payload_len: payload_len=100 expected=4", withCrc(image -> image.payloadLength(100)));
        assertRefused("bad image payload_len: payload_len=18446744073709551615 expected=4",
            withCrc(image -> image.payloadLength(-1)));
    }

    @Test
    void refusesATruncatedImage()
    {
        assertRefused("bad image payload_len: payload_len=4 expected=2",
            new WorkloadImageDescriptor().wrap(ByteBuffer.wrap(WorkloadImageDescriptorTest.EXPECTED), 0, 130));
    }

    @Test
    void refusesAnImageLargerThanItsMemoryNeed()
    {
        assertRefused("image larger than its memory need: size=132 needs[1]=131", withCrc(image -> image.need(1, 131)));
    }

    private static void assertRefused(final String message, final WorkloadImageDescriptor image)
    {
        final InvalidImageException ex =
            assertThrows(InvalidImageException.class, () -> WorkloadImageValidator.validate(image));
        assertEquals(message, ex.getMessage());
    }

    private static void fillName(final WorkloadImageDescriptor image, final String name)
    {
        image.buffer().put(image.offset() + WorkloadImageDescriptor.NAME_OFFSET, name.getBytes());
    }

    private static WorkloadImageDescriptor wrap(final byte[] bytes)
    {
        return new WorkloadImageDescriptor().wrap(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** A copy of the hand-written image with a change, its header CRC left as it was. */
    private static WorkloadImageDescriptor without(final Consumer<WorkloadImageDescriptor> change)
    {
        final WorkloadImageDescriptor image = wrap(WorkloadImageDescriptorTest.EXPECTED.clone());
        change.accept(image);
        return image;
    }

    /** A copy of the hand-written image with a change and a header CRC that matches it. */
    private static WorkloadImageDescriptor withCrc(final Consumer<WorkloadImageDescriptor> change)
    {
        return without(change).updateHeaderCrc();
    }
}
