package dev.shadowdev.driver;

import java.util.concurrent.locks.LockSupport;

/**
 * The driver's timer thread: runs one duty (timeouts, missed interrupts, trace flush) every tick until closed.
 */
final class DriverTimer implements AutoCloseable
{
    private final Thread thread;
    private volatile boolean running = true;

    DriverTimer(final long tickNanos, final Runnable duty)
    {
        thread = new Thread(() ->
        {
            while (running)
            {
                duty.run();
                LockSupport.parkNanos(this, tickNanos);
            }
        }, "shadowdev-timer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        if (thread != Thread.currentThread())
        {
            try
            {
                thread.join(1000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
