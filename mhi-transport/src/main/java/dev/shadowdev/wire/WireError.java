package dev.shadowdev.wire;

import java.util.Locale;

import dev.shadowdev.abi.Errno;

/**
 * The outcome of a decode, verify or validate call: an {@link Errno} plus the reason as a format template and up to
 * four values. Reusable and allocation-free when recording a failure; the text ({@link #message()}) is only built
 * when somebody asks for it, so a rejected message costs nothing until it is logged.
 * <p>
 * Templates read {@code what: name=value ...} (for example {@code bad magic: magic=0x%08x}) and take their values
 * as {@code long}; an unsigned 32-bit value shown in hex is passed masked with {@code 0xFFFF_FFFFL}.
 * One instance per thread: it is plain mutable state.
 */
public final class WireError
{
    private static final int MAX_ARGS = 4;

    private Errno errno = Errno.OK;
    private String template = "";
    private int argCount;
    private final long[] args = new long[MAX_ARGS];

    /** Back to OK with no reason. */
    public void reset()
    {
        errno = Errno.OK;
        template = "";
        argCount = 0;
    }

    /** @return {@code errno.status()}, so a check can {@code return error.set(...)}. */
    public int set(final Errno errno, final String template)
    {
        return record(errno, template, 0, 0, 0, 0, 0);
    }

    /** @return {@code errno.status()}. */
    public int set(final Errno errno, final String template, final long a)
    {
        return record(errno, template, 1, a, 0, 0, 0);
    }

    /** @return {@code errno.status()}. */
    public int set(final Errno errno, final String template, final long a, final long b)
    {
        return record(errno, template, 2, a, b, 0, 0);
    }

    /** @return {@code errno.status()}. */
    public int set(final Errno errno, final String template, final long a, final long b, final long c)
    {
        return record(errno, template, 3, a, b, c, 0);
    }

    /** @return {@code errno.status()}. */
    public int set(
        final Errno errno, final String template, final long a, final long b, final long c, final long d)
    {
        return record(errno, template, 4, a, b, c, d);
    }

    public boolean isOk()
    {
        return errno == Errno.OK;
    }

    public Errno errno()
    {
        return errno;
    }

    /** @return 0 or the negative errno. */
    public int status()
    {
        return errno.status();
    }

    /** @return the format template of the reason, one of the constants of the class that reported it. */
    public String template()
    {
        return template;
    }

    public int argCount()
    {
        return argCount;
    }

    public long arg(final int i)
    {
        return args[i];
    }

    /** @return the reason as text, {@code ""} when OK. Allocates: call it on the failure path only. */
    public String message()
    {
        if (argCount == 0)
        {
            return template;
        }
        final Object[] boxed = new Object[argCount];
        for (int i = 0; i < argCount; i++)
        {
            boxed[i] = args[i];
        }
        return String.format(Locale.ROOT, template, boxed);
    }

    @Override
    public String toString()
    {
        return errno + " " + message();
    }

    private int record(
        final Errno errno,
        final String template,
        final int argCount,
        final long a,
        final long b,
        final long c,
        final long d)
    {
        this.errno = errno;
        this.template = template;
        this.argCount = argCount;
        args[0] = a;
        args[1] = b;
        args[2] = c;
        args[3] = d;
        return errno.status();
    }
}
