package dev.shadowdev.driver.cgroup;

/** A cgroup path that breaks the rules of ABI.md 7, with the errno to answer and why ({@code what: name=value}). */
public final class CgroupPathException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int status;

    public CgroupPathException(final int status, final String message)
    {
        super(message);
        this.status = status;
    }

    /** @return the negative errno: -EINVAL, or -ENAMETOOLONG past {@link CgroupPaths#MAX_LENGTH} bytes. */
    public int status()
    {
        return status;
    }
}
