package dev.shadowdev.abi;

/**
 * Status codes shared by every layer: negative Linux errno values on the wire, 0 for success.
 * The numeric values are the ABI (ABI.md, preamble; Linux errno numbers) and must never change.
 */
public enum Errno
{
    OK(0),
    EPERM(1),
    ENOENT(2),
    /** The process behind a request is gone (ABI.md 7: the cgroup node's open). */
    ESRCH(3),
    /** An interrupted call (FUSE's receive on a signal); not in ABI.md's list, Linux's code for it. */
    EINTR(4),
    EIO(5),
    E2BIG(7),
    EAGAIN(11),
    EACCES(13),
    EBUSY(16),
    /** A name that is taken (a partition name); not in ABI.md's list, Linux's code for it. */
    EEXIST(17),
    ENODEV(19),
    EINVAL(22),
    ENOSPC(28),
    /** A cgroup path past 4096 bytes (ABI.md 7). */
    ENAMETOOLONG(36),
    EBADMSG(74),
    EOVERFLOW(75),
    EMSGSIZE(90),
    /** A new ACTIVATE on a draining partition (ABI.md 6.1). */
    ESHUTDOWN(108),
    ETIMEDOUT(110),
    /** An ACTIVATE past the partition's {@code max} (ABI.md 6). */
    EDQUOT(122),
    /** Anything a preempted workload still sends (ABI.md 6). */
    ECANCELED(125);

    private static final Errno[] BY_VALUE = new Errno[126];

    static
    {
        for (final Errno e : values())
        {
            BY_VALUE[e.value] = e;
        }
    }

    private final int value;

    Errno(final int value)
    {
        this.value = value;
    }

    /** @return the positive errno value (0 for {@link #OK}). */
    public int value()
    {
        return value;
    }

    /** @return the status as it travels on the wire: {@code -value}. */
    public int status()
    {
        return -value;
    }

    /**
     * @param status a wire status (0 or a negative errno) or a positive errno.
     * @return the matching constant, or {@code null} when the value is not one of the ABI's codes.
     */
    public static Errno fromStatus(final int status)
    {
        final int v = status < 0 ? -status : status;
        return v < BY_VALUE.length ? BY_VALUE[v] : null;
    }
}
