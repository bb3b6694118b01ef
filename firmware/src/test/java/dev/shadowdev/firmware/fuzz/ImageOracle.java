package dev.shadowdev.firmware.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * What the firmware must say about a workload image, written from ABI.md section 2 and the order of checks the
 * validator documents, with its own offsets and its own UTF-8 check, so that it shares no code with the validator
 * it judges: {@code null} for a valid image, else the exact EBADMSG message naming the first wrong field.
 */
final class ImageOracle
{
    static final int HEADER = 128;
    static final int MAGIC = 0x4C574453;
    static final int NAME_AT = 8;
    static final int NAME_BYTES = 32;
    static final int NEEDS_AT = 40;
    static final int OP_AT = 80;
    static final int PAYLOAD_LEN_AT = 88;
    static final int CRC_AT = 96;
    static final int RESERVED_AT = 100;

    private ImageOracle()
    {
    }

    /** @return null when valid, else the message of the first wrong field. */
    static String verdict(final byte[] image)
    {
        final int size = image.length;
        if (size < HEADER)
        {
            return "image shorter than its header: size=" + size + " header_len=" + HEADER;
        }
        final ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC)
        {
            return String.format("bad image magic: magic=0x%08x", b.getInt(0));
        }
        if ((b.getShort(4) & 0xFFFF) != 1)
        {
            return "bad image version: version=" + (b.getShort(4) & 0xFFFF);
        }
        if ((b.getShort(6) & 0xFFFF) != HEADER)
        {
            return "bad image header_len: header_len=" + (b.getShort(6) & 0xFFFF);
        }
        final CRC32 crc = new CRC32();
        crc.update(image, 0, CRC_AT);
        if (b.getInt(CRC_AT) != (int)crc.getValue())
        {
            return String.format("bad image header_crc: header_crc=0x%08x expected=0x%08x", b.getInt(CRC_AT),
                (int)crc.getValue());
        }
        for (int i = RESERVED_AT; i < HEADER; i++)
        {
            if (image[i] != 0)
            {
                return String.format("bad image reserved: offset=%d value=0x%02x", i, image[i] & 0xFF);
            }
        }
        final String name = nameVerdict(image);
        if (name != null)
        {
            return name;
        }
        final int op = b.getInt(OP_AT);
        if (op < 1 || op > 3)
        {
            return "unknown image op: op=" + Integer.toUnsignedString(op);
        }
        for (int i = 0; i < 5; i++)
        {
            if (b.getLong(NEEDS_AT + 8 * i) < 0)
            {
                return "image need out of range: needs[" + i + "]=" + Long.toUnsignedString(b.getLong(NEEDS_AT + 8 * i));
            }
        }
        if (b.getLong(NEEDS_AT) == 0)
        {
            return "image needs no cores: needs[0]=0";
        }
        if (b.getLong(NEEDS_AT + 32) == 0)
        {
            return "image needs no dma channels: needs[4]=0";
        }
        if (b.getLong(PAYLOAD_LEN_AT) != size - HEADER)
        {
            return "bad image payload_len: payload_len=" + Long.toUnsignedString(b.getLong(PAYLOAD_LEN_AT)) +
                " expected=" + (size - HEADER);
        }
        if (b.getLong(NEEDS_AT + 8) < size)
        {
            return "image larger than its memory need: size=" + size + " needs[1]=" + b.getLong(NEEDS_AT + 8);
        }
        return null;
    }

    private static String nameVerdict(final byte[] image)
    {
        int length = -1;
        for (int i = 0; i < NAME_BYTES && length < 0; i++)
        {
            length = image[NAME_AT + i] == 0 ? i : -1;
        }
        if (length < 0)
        {
            return "image name not terminated: bytes=" + NAME_BYTES;
        }
        for (int i = length + 1; i < NAME_BYTES; i++)
        {
            if (image[NAME_AT + i] != 0)
            {
                return String.format("bad image name padding: offset=%d value=0x%02x", NAME_AT + i,
                    image[NAME_AT + i] & 0xFF);
            }
        }
        final int bad = firstMalformedUtf8(image, NAME_AT, NAME_AT + length);
        return bad < 0 ? null : "malformed image name: offset=" + bad;
    }

    /** Unicode Table 3-7 (well-formed UTF-8). @return the index of the first ill-formed sequence, or -1. */
    static int firstMalformedUtf8(final byte[] bytes, final int from, final int to)
    {
        int i = from;
        while (i < to)
        {
            final int lead = bytes[i] & 0xFF;
            final int count;
            int low = 0x80;
            int high = 0xBF;
            if (lead < 0x80)
            {
                i++;
                continue;
            }
            else if (lead >= 0xC2 && lead <= 0xDF)
            {
                count = 1;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                count = 2;
                low = lead == 0xE0 ? 0xA0 : 0x80;
                high = lead == 0xED ? 0x9F : 0xBF;
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                count = 3;
                low = lead == 0xF0 ? 0x90 : 0x80;
                high = lead == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                return i;
            }
            for (int k = 1; k <= count; k++)
            {
                if (i + k >= to)
                {
                    return i;
                }
                final int c = bytes[i + k] & 0xFF;
                if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF))
                {
                    return i;
                }
            }
            i += count + 1;
        }
        return -1;
    }
}
