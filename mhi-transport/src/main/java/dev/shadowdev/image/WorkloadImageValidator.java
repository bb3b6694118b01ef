package dev.shadowdev.image;

import dev.shadowdev.abi.Resource;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static dev.shadowdev.image.WorkloadImageDescriptor.HEADER_LENGTH;
import static dev.shadowdev.image.WorkloadImageDescriptor.NAME_LENGTH;
import static dev.shadowdev.image.WorkloadImageDescriptor.NAME_OFFSET;
import static dev.shadowdev.image.WorkloadImageDescriptor.RESERVED_LENGTH;
import static dev.shadowdev.image.WorkloadImageDescriptor.RESERVED_OFFSET;

/**
 * Decides whether the bytes under a {@link WorkloadImageDescriptor} are a valid workload image (ABI.md section 2).
 * Every failure is EBADMSG with a message naming the first wrong field, checked in this order:
 * <ol>
 *     <li>size below the header: {@code image shorter than its header: size=100 header_len=128}</li>
 *     <li>{@code bad image magic: magic=0x...}, {@code bad image version: version=2},
 *         {@code bad image header_len: header_len=64}</li>
 *     <li>{@code bad image header_crc: header_crc=0x... expected=0x...}</li>
 *     <li>{@code bad image reserved: offset=101 value=0x07} (bytes [100, 128) must be zero)</li>
 *     <li>the name: {@code image name not terminated: bytes=32},
 *         {@code bad image name padding: offset=20 value=0x41}, {@code malformed image name: offset=9}</li>
 *     <li>{@code unknown image op: op=9}</li>
 *     <li>{@code image need out of range: needs[2]=18446744073709551615} (above 2^63 - 1),
 *         {@code image needs no cores: needs[0]=0}, {@code image needs no dma channels: needs[4]=0}</li>
 *     <li>{@code bad image payload_len: payload_len=100 expected=72} (payload_len must be size - 128)</li>
 *     <li>{@code image larger than its memory need: size=228 needs[1]=100}</li>
 * </ol>
 * Offsets in messages are from the start of the image. Needs above the device's capacity are not malformed:
 * admission refuses them with ENOSPC.
 */
public final class WorkloadImageValidator
{
    private WorkloadImageValidator()
    {
    }

    /**
     * @param image wrapped over the whole image as uploaded: {@link WorkloadImageDescriptor#length()} is its size.
     * @throws InvalidImageException EBADMSG naming the first wrong field.
     */
    public static void validate(final WorkloadImageDescriptor image) throws InvalidImageException
    {
        final int size = image.length();
        if (size < HEADER_LENGTH)
        {
            throw bad("image shorter than its header: size=" + size + " header_len=" + HEADER_LENGTH);
        }
        if (image.magic() != WorkloadImageDescriptor.MAGIC)
        {
            throw bad("bad image magic: magic=" + hex32(image.magic()));
        }
        if (image.version() != WorkloadImageDescriptor.VERSION)
        {
            throw bad("bad image version: version=" + image.version());
        }
        if (image.headerLength() != HEADER_LENGTH)
        {
            throw bad("bad image header_len: header_len=" + image.headerLength());
        }
        final int expectedCrc = image.computeHeaderCrc();
        if (image.headerCrc() != expectedCrc)
        {
            throw bad("bad image header_crc: header_crc=" + hex32(image.headerCrc()) +
                " expected=" + hex32(expectedCrc));
        }
        for (int i = 0; i < RESERVED_LENGTH; i++)
        {
            final int value = image.reservedByte(i);
            if (value != 0)
            {
                throw bad("bad image reserved: offset=" + (RESERVED_OFFSET + i) + " value=" + hex8(value));
            }
        }
        validateName(image);
        if (!WorkloadOp.isKnown(image.op()))
        {
            throw bad("unknown image op: op=" + Integer.toUnsignedString(image.op()));
        }
        validateNeeds(image);
        final long expectedPayload = size - HEADER_LENGTH;
        if (image.payloadLength() != expectedPayload)
        {
            throw bad("bad image payload_len: payload_len=" + Long.toUnsignedString(image.payloadLength()) +
                " expected=" + expectedPayload);
        }
        final long memory = image.need(Resource.MEMORY.ordinal());
        if (memory < size)
        {
            throw bad("image larger than its memory need: size=" + size + " needs[1]=" + memory);
        }
    }

    private static void validateName(final WorkloadImageDescriptor image) throws InvalidImageException
    {
        final int nameLength = image.nameLength();
        if (nameLength == NAME_LENGTH)
        {
            throw bad("image name not terminated: bytes=" + NAME_LENGTH);
        }
        for (int i = nameLength + 1; i < NAME_LENGTH; i++)
        {
            final int value = image.nameByte(i);
            if (value != 0)
            {
                throw bad("bad image name padding: offset=" + (NAME_OFFSET + i) + " value=" + hex8(value));
            }
        }
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = image.buffer().duplicate();
        in.clear().position(image.offset() + NAME_OFFSET).limit(image.offset() + NAME_OFFSET + nameLength);
        final CoderResult result = decoder.decode(in, CharBuffer.allocate(NAME_LENGTH), true);
        if (result.isError())
        {
            throw bad("malformed image name: offset=" + (in.position() - image.offset()));
        }
    }

    private static void validateNeeds(final WorkloadImageDescriptor image) throws InvalidImageException
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            final long need = image.need(i);
            if (need < 0)
            {
                throw bad("image need out of range: needs[" + i + "]=" + Long.toUnsignedString(need));
            }
        }
        if (image.need(Resource.CORES.ordinal()) == 0)
        {
            throw bad("image needs no cores: needs[0]=0");
        }
        if (image.need(Resource.DMA_CHANNELS.ordinal()) == 0)
        {
            throw bad("image needs no dma channels: needs[4]=0");
        }
    }

    private static InvalidImageException bad(final String message)
    {
        return new InvalidImageException(message);
    }

    private static String hex32(final int value)
    {
        return String.format("0x%08x", value);
    }

    private static String hex8(final int value)
    {
        return String.format("0x%02x", value);
    }
}
