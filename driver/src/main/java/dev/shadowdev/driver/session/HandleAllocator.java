package dev.shadowdev.driver.session;

import dev.shadowdev.driver.minor.MinorAllocator;

/**
 * The user handles of sessions: handle = a number from a {@link MinorAllocator} (the same compact lowest-free-first
 * bitmap tree, up to {@link MinorAllocator#MAX_MINORS}) + 1, so a handle is never 0 (0 is the driver's own handle on
 * the wire). Thread-safe as the allocator is.
 */
public final class HandleAllocator
{
    private final MinorAllocator ids = new MinorAllocator();

    /** @return a free handle (&gt;= 1), or -ENOSPC when none is left. */
    public int allocate()
    {
        final int id = ids.allocate();
        return id < 0 ? id : id + 1;
    }

    /**
     * @param handle a handle from {@link #allocate()}.
     * @return 0, or the allocator's negative errno for a handle that is not in use.
     */
    public int free(final int handle)
    {
        return ids.free(handle - 1);
    }
}
