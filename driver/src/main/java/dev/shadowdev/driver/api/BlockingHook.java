package dev.shadowdev.driver.api;

/**
 * What the driver runs on a caller's thread just before it makes that thread wait: for a node response
 * ({@code read}), an SD_IOC_MANAGE answer, a control plane answer, a session's close, or a refusal's penalty. The
 * owner of the thread installs it; the devfs's FUSE workers do, so that a worker about to wait while no other worker
 * reads {@code /dev/fuse} hands the reading to another one first, and a waiting worker never holds up another
 * session's request. Threads without one (tests, the daemon's control plane) wait as before.
 * <p>
 * The hook runs on the waiting thread, possibly inside the driver's locks: it must not call the driver and must not
 * block.
 */
public final class BlockingHook
{
    private static final ThreadLocal<Runnable> HOOK = new ThreadLocal<>();

    private BlockingHook()
    {
    }

    /** Install {@code hook} for the current thread (null removes it). */
    public static void install(final Runnable hook)
    {
        if (hook == null)
        {
            HOOK.remove();
        }
        else
        {
            HOOK.set(hook);
        }
    }

    /** The driver is about to make the current thread wait: run its hook, if it has one. */
    public static void beforeWait()
    {
        final Runnable hook = HOOK.get();
        if (hook != null)
        {
            hook.run();
        }
    }
}
