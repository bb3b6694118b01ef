package dev.shadowdev.mhi;

import dev.shadowdev.abi.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The emulated host memory that both sides of the transport see: one direct little-endian buffer holding the
 * context arrays, the rings and the DMA buffers, addressed by 64-bit bus addresses {@code base + offset}. Address 0
 * is never valid. The region is page-aligned and never crosses a 4 GiB boundary, so the high 32 bits of every
 * address in it are the same (see {@link RingContextFlyweight}).
 * <p>
 * Every device-side access goes through {@link #offset(long, int)}, which returns {@link #OUT_OF_BOUNDS} instead of
 * throwing, so a bad pointer from the other side becomes an error code, never an exception. The copy helpers
 * return a negative errno for a range outside the region or outside the caller's array.
 */
public final class SharedRegion
{
    /** Default bus address of the first byte. */
    public static final long DEFAULT_BASE = 0x1_0000_0000L;
    /** Default size: 16 MiB. */
    public static final int DEFAULT_SIZE = 16 << 20;
    /** Alignment of base and size. */
    public static final int PAGE_SIZE = 4096;
    /** Returned by {@link #offset(long, int)} for a range that is not entirely inside the region. */
    public static final int OUT_OF_BOUNDS = -1;

    private final long base;
    private final int size;
    private final ByteBuffer buffer;

    /**
     * A region of {@code size} bytes at {@link #DEFAULT_BASE}.
     *
     * @param size bytes, a multiple of {@link #PAGE_SIZE}.
     */
    public SharedRegion(final int size)
    {
        this(DEFAULT_BASE, size);
    }

    /**
     * @param base bus address of the first byte: non-zero, page-aligned.
     * @param size bytes: a positive multiple of {@link #PAGE_SIZE}; the region must not cross a 4 GiB boundary.
     * @throws IllegalArgumentException naming the bad field.
     */
    public SharedRegion(final long base, final int size)
    {
        if (base <= 0 || (base & (PAGE_SIZE - 1)) != 0)
        {
            throw new IllegalArgumentException("bad region base: base=0x" + Long.toHexString(base));
        }
        if (size <= 0 || (size & (PAGE_SIZE - 1)) != 0)
        {
            throw new IllegalArgumentException("bad region size: size=" + size);
        }
        if ((base >>> 32) != ((base + size - 1) >>> 32))
        {
            throw new IllegalArgumentException(
                "region crosses a 4 GiB boundary: base=0x" + Long.toHexString(base) + ", size=" + size);
        }
        this.base = base;
        this.size = size;
        this.buffer = ByteBuffer.allocateDirect(size + PAGE_SIZE)
            .alignedSlice(PAGE_SIZE)
            .slice(0, size)
            .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the little-endian buffer; index = bus address - {@link #base()}. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return bus address of the first byte. */
    public long base()
    {
        return base;
    }

    /** @return size in bytes. */
    public int size()
    {
        return size;
    }

    /** @return bus address one past the last byte. */
    public long end()
    {
        return base + size;
    }

    /**
     * @param address a bus address.
     * @param length  bytes that must be inside the region from {@code address}.
     * @return the buffer index of {@code address}, or {@link #OUT_OF_BOUNDS}.
     */
    public int offset(final long address, final int length)
    {
        if (length < 0 || address < base)
        {
            return OUT_OF_BOUNDS;
        }
        final long offset = address - base;
        return offset <= (long)size - length ? (int)offset : OUT_OF_BOUNDS;
    }

    /**
     * @param address a bus address.
     * @param length  bytes from {@code address}.
     * @return true when the whole range lies inside the region.
     */
    public boolean contains(final long address, final int length)
    {
        return offset(address, length) != OUT_OF_BOUNDS;
    }

    /**
     * @param offset a buffer index.
     * @return its bus address.
     */
    public long address(final int offset)
    {
        return base + offset;
    }

    /**
     * Copy bytes from the region.
     *
     * @param address   source bus address.
     * @param dst       destination array.
     * @param dstOffset first index written.
     * @param length    bytes.
     * @return {@code length}, or -EINVAL when either range is out of bounds (nothing copied).
     */
    public int read(final long address, final byte[] dst, final int dstOffset, final int length)
    {
        final int offset = offset(address, length);
        if (offset == OUT_OF_BOUNDS || !fits(dstOffset, length, dst.length))
        {
            return Errno.EINVAL.status();
        }
        buffer.get(offset, dst, dstOffset, length);
        return length;
    }

    /**
     * Copy bytes into the region.
     *
     * @param address   destination bus address.
     * @param src       source array.
     * @param srcOffset first index read.
     * @param length    bytes.
     * @return {@code length}, or -EINVAL when either range is out of bounds (nothing copied).
     */
    public int write(final long address, final byte[] src, final int srcOffset, final int length)
    {
        final int offset = offset(address, length);
        if (offset == OUT_OF_BOUNDS || !fits(srcOffset, length, src.length))
        {
            return Errno.EINVAL.status();
        }
        buffer.put(offset, src, srcOffset, length);
        return length;
    }

    /**
     * Copy bytes from the region into a buffer (absolute indexes; positions untouched).
     *
     * @param address   source bus address.
     * @param dst       destination buffer.
     * @param dstOffset first index written.
     * @param length    bytes.
     * @return {@code length}, or -EINVAL when either range is out of bounds (nothing copied).
     */
    public int read(final long address, final ByteBuffer dst, final int dstOffset, final int length)
    {
        final int offset = offset(address, length);
        if (offset == OUT_OF_BOUNDS || !fits(dstOffset, length, dst.capacity()) || dst.isReadOnly())
        {
            return Errno.EINVAL.status();
        }
        dst.put(dstOffset, buffer, offset, length);
        return length;
    }

    /**
     * Copy bytes from a buffer into the region (absolute indexes; positions untouched).
     *
     * @param address   destination bus address.
     * @param src       source buffer.
     * @param srcOffset first index read.
     * @param length    bytes.
     * @return {@code length}, or -EINVAL when either range is out of bounds (nothing copied).
     */
    public int write(final long address, final ByteBuffer src, final int srcOffset, final int length)
    {
        final int offset = offset(address, length);
        if (offset == OUT_OF_BOUNDS || !fits(srcOffset, length, src.capacity()))
        {
            return Errno.EINVAL.status();
        }
        buffer.put(offset, src, srcOffset, length);
        return length;
    }

    private static boolean fits(final int offset, final int length, final int capacity)
    {
        return offset >= 0 && length >= 0 && offset <= capacity - length;
    }
}
