package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadImageDescriptor;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Owns the upload slots DMA_XFER fills, keyed by (partition ID, handle, slot). Slot numbers are the client's u32
 * choice. Loading is append-only: {@code offset} must equal the bytes already in the slot, except that offset 0
 * starts the slot over. Limits, each refused with a clear error and no change:
 * <ul>
 *     <li>an image is at most {@link #MAX_IMAGE_LENGTH} bytes: E2BIG;</li>
 *     <li>a (partition, handle) has at most {@link #MAX_SLOTS_PER_HANDLE} slots: ENOSPC;</li>
 *     <li>all slots of one partition (or of the global pool) hold at most {@link #MAX_STAGED_BYTES_PER_PARTITION}
 *         bytes together, so one partition cannot starve another's uploads: ENOSPC.</li>
 * </ul>
 * A slot keeps its image after ACTIVATE (it can be activated again); TERMINATE drops the handle's slots, partition
 * destruction drops the partition's. Not thread-safe: guarded by the {@link Firmware} lock.
 */
final class ImageStaging
{
    /** Largest image: header plus 1 MiB of payload. */
    static final int MAX_IMAGE_LENGTH = WorkloadImageDescriptor.HEADER_LENGTH + (1 << 20);

    /** Most slots one (partition, handle) can hold. */
    static final int MAX_SLOTS_PER_HANDLE = 16;

    /** Most bytes the slots of one partition (or of the global pool) can hold together. */
    static final long MAX_STAGED_BYTES_PER_PARTITION = 16L * MAX_IMAGE_LENGTH;

    private final Map<Long, Map<Integer, ImageSlot>> slotsByOwner = new HashMap<>();
    private final Map<Integer, Long> stagedByPartition = new HashMap<>();
    private final int[] oneOffset = new int[1];
    private final int[] oneLength = new int[1];

    /**
     * Append bytes to a slot (DMA_XFER).
     *
     * @param partitionId owner's partition.
     * @param handle      owner's handle.
     * @param slot        the slot number (u32).
     * @param offset      bytes already in the slot (u64), or 0 to start over.
     * @param src         where the bytes are, e.g. the host memory region; position and limit do not move.
     * @param srcOffset   offset of the bytes in {@code src}.
     * @param length      how many bytes.
     * @throws FirmwareException EINVAL (bad source range or offset), E2BIG, ENOSPC; nothing changed.
     */
    void load(
        final int partitionId,
        final int handle,
        final int slot,
        final long offset,
        final ByteBuffer src,
        final int srcOffset,
        final int length) throws FirmwareException
    {
        oneOffset[0] = srcOffset;
        oneLength[0] = length;
        load(partitionId, handle, slot, offset, src, oneOffset, oneLength, 1);
    }

    /**
     * Append several ranges of {@code src} to a slot, in order, all or nothing (one DMA_XFER piece whose
     * address/size pairs are scattered over host memory).
     *
     * @param partitionId owner's partition.
     * @param handle      owner's handle.
     * @param slot        the slot number (u32).
     * @param offset      bytes already in the slot (u64), or 0 to start over.
     * @param src         where the bytes are; position and limit do not move.
     * @param srcOffsets  offset of each range in {@code src}.
     * @param lengths     length of each range.
     * @param count       ranges to take from the two arrays.
     * @throws FirmwareException EINVAL (a bad source range, reported for the first one, or a bad offset), E2BIG,
     * ENOSPC; nothing changed.
     */
    void load(
        final int partitionId,
        final int handle,
        final int slot,
        final long offset,
        final ByteBuffer src,
        final int[] srcOffsets,
        final int[] lengths,
        final int count) throws FirmwareException
    {
        long length = 0;
        for (int i = 0; i < count; i++)
        {
            final int srcOffset = srcOffsets[i];
            final int rangeLength = lengths[i];
            if (src == null || srcOffset < 0 || rangeLength < 0 || srcOffset > src.limit() - rangeLength)
            {
                throw new FirmwareException(Errno.EINVAL, "bad source range: offset=" + srcOffset +
                    " length=" + rangeLength + " limit=" + (src == null ? 0 : src.limit()));
            }
            length += rangeLength;
        }
        final Map<Integer, ImageSlot> slots = slotsByOwner.get(key(partitionId, handle));
        final ImageSlot existing = slots == null ? null : slots.get(slot);
        final int current = existing == null ? 0 : existing.length();
        if (offset != 0 && offset != current)
        {
            throw new FirmwareException(
                Errno.EINVAL, "bad offset: offset=" + Long.toUnsignedString(offset) + " expected=" + current);
        }
        final long size = offset + length;
        if (size > MAX_IMAGE_LENGTH)
        {
            throw new FirmwareException(Errno.E2BIG, "image too large: size=" + size + " max=" + MAX_IMAGE_LENGTH);
        }
        final int slotCount = slots == null ? 0 : slots.size();
        if (existing == null && slotCount >= MAX_SLOTS_PER_HANDLE)
        {
            throw new FirmwareException(
                Errno.ENOSPC, "too many slots: slots=" + slotCount + " max=" + MAX_SLOTS_PER_HANDLE);
        }
        final long staged = stagedBytes(partitionId);
        final long delta = size - current;
        if (staged + delta > MAX_STAGED_BYTES_PER_PARTITION)
        {
            throw new FirmwareException(Errno.ENOSPC, "staging full: staged=" + staged +
                " length=" + delta + " max=" + MAX_STAGED_BYTES_PER_PARTITION);
        }

        final ImageSlot target = existing != null ? existing :
            slotsByOwner.computeIfAbsent(key(partitionId, handle), k -> new HashMap<>())
                .computeIfAbsent(slot, s -> new ImageSlot());
        if (offset == 0)
        {
            target.restart();
        }
        for (int i = 0; i < count; i++)
        {
            target.append(src, srcOffsets[i], lengths[i]);
        }
        stagedByPartition.put(partitionId, staged + delta);
    }

    /**
     * Cut a slot back to its first {@code length} bytes (a DMA transfer split over several messages was aborted or
     * failed half way: what it stored goes away).
     *
     * @param partitionId owner's partition.
     * @param handle      owner's handle.
     * @param slot        the slot number (u32).
     * @param length      bytes to keep, at most the slot's length.
     * @throws FirmwareException ENOENT ({@code no image in slot: slot=3}), EINVAL
     * ({@code bad truncate length: length=300 current=128}); nothing changed.
     */
    void truncate(final int partitionId, final int handle, final int slot, final int length)
        throws FirmwareException
    {
        final ImageSlot existing = find(partitionId, handle, slot);
        if (existing == null)
        {
            throw new FirmwareException(Errno.ENOENT, "no image in slot: slot=" + Integer.toUnsignedString(slot));
        }
        final int current = existing.length();
        if (length < 0 || length > current)
        {
            throw new FirmwareException(
                Errno.EINVAL, "bad truncate length: length=" + length + " current=" + current);
        }
        existing.truncate(length);
        final long remaining = stagedBytes(partitionId) - (current - length);
        if (remaining == 0)
        {
            stagedByPartition.remove(partitionId);
        }
        else
        {
            stagedByPartition.put(partitionId, remaining);
        }
    }

    /**
     * @return the slot, or null when the (partition, handle) has no such slot.
     */
    ImageSlot find(final int partitionId, final int handle, final int slot)
    {
        final Map<Integer, ImageSlot> slots = slotsByOwner.get(key(partitionId, handle));
        return slots == null ? null : slots.get(slot);
    }

    /**
     * @param partitionId a partition, or -1.
     * @return bytes held by its slots.
     */
    long stagedBytes(final int partitionId)
    {
        return stagedByPartition.getOrDefault(partitionId, 0L);
    }

    /**
     * Drop every slot of one (partition, handle).
     *
     * @return how many slots were dropped.
     */
    int dropHandle(final int partitionId, final int handle)
    {
        final Map<Integer, ImageSlot> slots = slotsByOwner.remove(key(partitionId, handle));
        if (slots == null)
        {
            return 0;
        }
        long freed = 0;
        for (final ImageSlot slot : slots.values())
        {
            freed += slot.length();
        }
        final long remaining = stagedBytes(partitionId) - freed;
        if (remaining == 0)
        {
            stagedByPartition.remove(partitionId);
        }
        else
        {
            stagedByPartition.put(partitionId, remaining);
        }
        return slots.size();
    }

    /**
     * Drop every slot of a partition.
     *
     * @param partitionId a partition.
     */
    void dropPartition(final int partitionId)
    {
        final Iterator<Long> keys = slotsByOwner.keySet().iterator();
        while (keys.hasNext())
        {
            if ((int)(keys.next() >> 32) == partitionId)
            {
                keys.remove();
            }
        }
        stagedByPartition.remove(partitionId);
    }

    /** Drop every slot. */
    void clear()
    {
        slotsByOwner.clear();
        stagedByPartition.clear();
    }

    private static long key(final int partitionId, final int handle)
    {
        return ((long)partitionId << 32) | (handle & 0xFFFF_FFFFL);
    }
}
