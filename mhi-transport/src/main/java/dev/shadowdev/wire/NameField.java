package dev.shadowdev.wire;

import java.nio.charset.StandardCharsets;

import dev.shadowdev.abi.Errno;

/**
 * The {@code char name[32]} field of partition layouts (ABI.md 1.3, 1.4): UTF-8, NUL-padded to 32 bytes. A name of
 * exactly 32 bytes has no terminating NUL. Names are control-plane data: these helpers allocate.
 */
public final class NameField
{
    /** Bytes of the field. */
    public static final int LENGTH = 32;

    private NameField()
    {
    }

    /**
     * Write {@code name} NUL-padded at {@code index}.
     *
     * @return 0, or -EINVAL (nothing written) when the UTF-8 form is longer than {@link #LENGTH} or holds a NUL.
     */
    public static int put(final WireBuffer buffer, final int index, final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > LENGTH || name.indexOf('\0') >= 0)
        {
            return Errno.EINVAL.status();
        }
        buffer.putBytes(index, bytes, 0, bytes.length);
        buffer.setMemory(index + bytes.length, LENGTH - bytes.length, (byte)0);
        return 0;
    }

    /** @return true when {@code name} can be stored: at most {@link #LENGTH} bytes of UTF-8 and no NUL. */
    public static boolean fits(final String name)
    {
        return name.indexOf('\0') < 0 && name.getBytes(StandardCharsets.UTF_8).length <= LENGTH;
    }

    /** @return the bytes before the first NUL (at most {@link #LENGTH}) decoded as UTF-8. */
    public static String get(final WireBuffer buffer, final int index)
    {
        final int length = length(buffer, index);
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** @return the number of bytes before the first NUL, {@link #LENGTH} when there is none. */
    public static int length(final WireBuffer buffer, final int index)
    {
        for (int i = 0; i < LENGTH; i++)
        {
            if (buffer.getByte(index + i) == 0)
            {
                return i;
            }
        }
        return LENGTH;
    }
}
