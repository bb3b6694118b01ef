package dev.shadowdev.driver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;

/**
 * The driver's timer thread: runs one duty (timeouts, missed interrupts, answers no reader came for, trace flush)
 * every tick until closed; a duty that throws is logged and the next tick runs it again.
 */
final class DriverTimer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(DriverTimer.class);

    private final Thread thread;
    private volatile boolean running = true;

    DriverTimer(final long tickNanos, final Runnable duty)
    {
        thread = new Thread(() ->
        {
            while (running)
            {
                try
                {
                    duty.run();
                }
                catch (final RuntimeException ex)
                {
                    LOG.error("timer duty failed, next tick goes on", ex);
                }
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
