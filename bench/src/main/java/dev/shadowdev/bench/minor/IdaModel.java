package dev.shadowdev.bench.minor;

/**
 * A simplified but faithful model of the Linux IDA ({@code lib/idr.c}, {@code ida_alloc_range} / {@code ida_free})
 * over its XArray ({@code lib/xarray.c}), the baseline {@code MinorAllocator} is measured against.
 * <pre>
 *   struct ida = struct xarray (XA_FLAGS_ALLOC: a NULL slot counts as free)       16 bytes
 *     xa_node  shift 6   slots[64] -> xa_node          marks[XA_FREE_MARK]       576 bytes each
 *       xa_node shift 0  slots[64] -> struct ida_bitmap                           576 bytes each
 *         struct ida_bitmap { unsigned long bitmap[16]; }  1024 ids               128 bytes each
 * </pre>
 * As in the kernel: the bitmaps are allocated lazily and freed when they empty; a node's {@code XA_FREE_MARK} bit
 * for a slot is set while that slot is NULL or leads to a free id, and marks propagate up the tree
 * ({@code xas_set_mark}/{@code xas_clear_mark}); {@code ida_alloc} walks down the lowest marked slots
 * ({@code xas_find_marked}), takes the first zero bit of the bitmap ({@code find_next_zero_bit}) and clears the mark
 * when {@code bitmap_full}; {@code ida_free} clears the bit, sets the mark and frees the bitmap when
 * {@code bitmap_empty}, deleting nodes that become empty and shrinking the root ({@code xas_delete_node},
 * {@code xas_shrink}). Operations take one lock, like {@code xa_lock}.
 * <p>
 * Simplified away: the value-entry form of a bitmap (the first 62 ids of a chunk stored inline in the slot), storing a
 * lone entry at index 0 in the head without a node, RCU-deferred freeing and GFP handling. {@link #memoryBytes()}
 * reports the kernel's sizes for what is live (bitmaps, nodes, the {@code struct ida}), not Java's.
 */
final class IdaModel
{
    /** {@code IDA_CHUNK_SIZE / sizeof(long)}: words in one {@code struct ida_bitmap}. */
    static final int IDA_BITMAP_LONGS = 16;
    /** {@code IDA_BITMAP_BITS}: ids per bitmap. */
    static final int IDA_BITMAP_BITS = IDA_BITMAP_LONGS * Long.SIZE;
    static final int IDA_BITMAP_SHIFT = 10;
    /** {@code XA_CHUNK_SHIFT}: a node has 64 slots. */
    static final int XA_CHUNK_SHIFT = 6;
    static final int XA_CHUNK_MASK = (1 << XA_CHUNK_SHIFT) - 1;
    /** {@code sizeof(struct ida_bitmap)}. */
    static final int IDA_BITMAP_BYTES = IDA_BITMAP_LONGS * Long.BYTES;
    /** {@code sizeof(struct xa_node)} on 64-bit: 4 u8 + pad, parent, array, list_head, 64 slots, 3 mark words. */
    static final int XA_NODE_BYTES = 8 + 8 + 8 + 16 + 64 * 8 + 3 * 8;
    /** {@code sizeof(struct ida)}: spinlock, flags, head. */
    static final int IDA_BYTES = 16;
    /** Returned when no id is free below the limit, like {@code -ENOSPC}. */
    static final int NO_SPACE = -28;
    /** Returned by {@link #free(int)} for an id not allocated (the kernel WARNs). */
    static final int NOT_ALLOCATED = -2;

    private static final long ALL = -1L;

    /**
     * {@code struct xa_node}: 64 slots, each NULL, a child node or (at shift 0) a bitmap.
     */
    static final class XaNode
    {
        final int shift;
        final Object[] slots = new Object[1 << XA_CHUNK_SHIFT];
        XaNode parent;
        int offset;
        int count;
        /** XA_FREE_MARK, one bit per slot; a new node of an XA_FLAGS_ALLOC array starts all free. */
        long freeMark = ALL;

        XaNode(final int shift, final XaNode parent, final int offset)
        {
            this.shift = shift;
            this.parent = parent;
            this.offset = offset;
        }
    }

    private final int limit;
    private XaNode root;
    private int bitmaps;
    private int nodes;

    /** xa_state of the last walk: the node and slot where the lowest free chunk was found, or null past the root. */
    private XaNode xasNode;
    private int xasOffset;

    /**
     * @param limit ids are handed out in {@code [0, limit)}.
     */
    IdaModel(final int limit)
    {
        this.limit = limit;
    }

    /**
     * {@code ida_alloc(ida, GFP_KERNEL)} bounded by the limit: the lowest free id.
     *
     * @return the id, or {@link #NO_SPACE}.
     */
    synchronized int alloc()
    {
        final int index = findFreeChunk();
        if ((long)index << IDA_BITMAP_SHIFT >= limit)
        {
            return NO_SPACE;
        }
        XaNode node = xasNode;
        int offset = xasOffset;
        long[] bitmap = node != null && node.shift == 0 ? (long[])node.slots[offset] : null;
        int bit = 0;
        if (bitmap == null)
        {
            bitmap = new long[IDA_BITMAP_LONGS];
            node = createPath(index);
            offset = index & XA_CHUNK_MASK;
            node.slots[offset] = bitmap;
            node.count++;
            bitmaps++;
        }
        else
        {
            bit = findFirstZeroBit(bitmap);
        }

        final int id = (index << IDA_BITMAP_SHIFT) + bit;
        if (id >= limit)
        {
            return NO_SPACE;
        }
        bitmap[bit >>> 6] |= 1L << bit;
        if (isFull(bitmap))
        {
            clearMark(node, offset);
        }
        return id;
    }

    /**
     * {@code ida_free(ida, id)}.
     *
     * @param id an allocated id.
     * @return 0, or {@link #NOT_ALLOCATED}.
     */
    synchronized int free(final int id)
    {
        final int index = id >>> IDA_BITMAP_SHIFT;
        if (id < 0 || root == null || index >= span(root))
        {
            return NOT_ALLOCATED;
        }
        XaNode node = root;
        while (node.shift > 0)
        {
            final Object child = node.slots[(index >>> node.shift) & XA_CHUNK_MASK];
            if (child == null)
            {
                return NOT_ALLOCATED;
            }
            node = (XaNode)child;
        }
        final int offset = index & XA_CHUNK_MASK;
        final long[] bitmap = (long[])node.slots[offset];
        final long bit = 1L << id;
        if (bitmap == null || (bitmap[(id >>> 6) & (IDA_BITMAP_LONGS - 1)] & bit) == 0)
        {
            return NOT_ALLOCATED;
        }
        bitmap[(id >>> 6) & (IDA_BITMAP_LONGS - 1)] &= ~bit;
        setMark(node, offset);
        if (isEmpty(bitmap))
        {
            node.slots[offset] = null;
            node.count--;
            bitmaps--;
            deleteEmptyNodes(node);
            shrink();
        }
        return 0;
    }

    /**
     * @return kernel bytes of what is live: the {@code struct ida}, every node and every bitmap.
     */
    synchronized long memoryBytes()
    {
        return IDA_BYTES + (long)nodes * XA_NODE_BYTES + (long)bitmaps * IDA_BITMAP_BYTES;
    }

    synchronized int bitmapCount()
    {
        return bitmaps;
    }

    synchronized int nodeCount()
    {
        return nodes;
    }

    /**
     * {@code xas_find_marked(&xas, max, XA_FREE_MARK)} from index 0: the lowest chunk index whose slot is NULL or
     * holds a bitmap with a free bit; leaves the node and slot in {@link #xasNode}/{@link #xasOffset}.
     */
    private int findFreeChunk()
    {
        xasNode = null;
        if (root == null)
        {
            return 0;
        }
        if (root.freeMark == 0)
        {
            return span(root);
        }
        XaNode node = root;
        int index = 0;
        while (true)
        {
            final int offset = Long.numberOfTrailingZeros(node.freeMark);
            index += offset << node.shift;
            xasNode = node;
            xasOffset = offset;
            final Object child = node.slots[offset];
            if (node.shift == 0 || child == null)
            {
                return index;
            }
            node = (XaNode)child;
        }
    }

    /**
     * {@code xas_create}: grow the root until it spans the chunk index, then create the nodes down to shift 0.
     *
     * @return the shift-0 node whose slot holds the chunk.
     */
    private XaNode createPath(final int index)
    {
        if (root == null)
        {
            root = new XaNode(0, null, 0);
            nodes++;
        }
        while (index >= span(root))
        {
            final XaNode top = new XaNode(root.shift + XA_CHUNK_SHIFT, null, 0);
            top.slots[0] = root;
            top.count = 1;
            if (root.freeMark == 0)
            {
                top.freeMark &= ~1L;
            }
            root.parent = top;
            root.offset = 0;
            root = top;
            nodes++;
        }
        XaNode node = root;
        while (node.shift > 0)
        {
            final int offset = (index >>> node.shift) & XA_CHUNK_MASK;
            XaNode child = (XaNode)node.slots[offset];
            if (child == null)
            {
                child = new XaNode(node.shift - XA_CHUNK_SHIFT, node, offset);
                node.slots[offset] = child;
                node.count++;
                nodes++;
            }
            node = child;
        }
        return node;
    }

    /**
     * {@code xas_clear_mark}: clear the slot's mark and go up while the node has no free slot left.
     */
    private static void clearMark(final XaNode leafNode, final int leafOffset)
    {
        XaNode node = leafNode;
        int offset = leafOffset;
        while (node != null)
        {
            node.freeMark &= ~(1L << offset);
            if (node.freeMark != 0)
            {
                return;
            }
            offset = node.offset;
            node = node.parent;
        }
    }

    /**
     * {@code xas_set_mark}: set the slot's mark and go up until a mark was already set.
     */
    private static void setMark(final XaNode leafNode, final int leafOffset)
    {
        XaNode node = leafNode;
        int offset = leafOffset;
        while (node != null)
        {
            final long bit = 1L << offset;
            if ((node.freeMark & bit) != 0)
            {
                return;
            }
            node.freeMark |= bit;
            offset = node.offset;
            node = node.parent;
        }
    }

    /**
     * {@code xas_delete_node}: unlink nodes left without entries, from the bottom up; their slot in the parent is
     * NULL again, which an XA_FLAGS_ALLOC array marks free.
     */
    private void deleteEmptyNodes(final XaNode start)
    {
        XaNode node = start;
        while (node.count == 0)
        {
            final XaNode parent = node.parent;
            nodes--;
            if (parent == null)
            {
                root = null;
                return;
            }
            parent.slots[node.offset] = null;
            parent.count--;
            setMark(parent, node.offset);
            node = parent;
        }
    }

    /**
     * {@code xas_shrink}: while the root only uses slot 0 and is not the last level, make that child the root.
     */
    private void shrink()
    {
        while (root != null && root.shift > 0 && root.count == 1 && root.slots[0] != null)
        {
            final XaNode child = (XaNode)root.slots[0];
            child.parent = null;
            child.offset = 0;
            root = child;
            nodes--;
        }
    }

    private static int span(final XaNode node)
    {
        return 1 << (node.shift + XA_CHUNK_SHIFT);
    }

    private static int findFirstZeroBit(final long[] bitmap)
    {
        for (int word = 0; word < IDA_BITMAP_LONGS; word++)
        {
            if (bitmap[word] != ALL)
            {
                return (word << 6) + Long.numberOfTrailingZeros(~bitmap[word]);
            }
        }
        return IDA_BITMAP_BITS;
    }

    private static boolean isFull(final long[] bitmap)
    {
        for (final long word : bitmap)
        {
            if (word != ALL)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(final long[] bitmap)
    {
        for (final long word : bitmap)
        {
            if (word != 0)
            {
                return false;
            }
        }
        return true;
    }
}
