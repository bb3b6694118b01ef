package dev.shadowdev.devfs.it.support;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.WorkloadRunner;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One workload on a session, executed over and over by a thread of its own until {@link #stop}: every output must
 * be the expected one. {@link #awaitMore} waits for the next execution to finish, so that a test can change
 * something under the workload and see it go on executing.
 */
public final class ExecutingWorkload implements AutoCloseable
{
    private final WorkloadRunner runner;
    private final int dbc;
    private final byte[] input;
    private final byte[] expected;
    private final Duration timeout;
    private final Thread thread;
    private volatile boolean stopping;
    private int done;
    private Throwable failure;

    /** Load {@code image} into slot 0 of {@code session}, activate it and start executing {@code input}. */
    public ExecutingWorkload(final NodeClient session, final byte[] image, final byte[] input, final byte[] expected,
        final Duration timeout) throws NodeException
    {
        this.runner = new WorkloadRunner(session);
        this.input = input.clone();
        this.expected = expected.clone();
        this.timeout = timeout;
        runner.load(0, image);
        dbc = runner.activate(0).dbcId();
        thread = new Thread(this::loop, "executing-workload-" + dbc);
        thread.start();
    }

    private void loop()
    {
        try
        {
            while (!stopping)
            {
                final byte[] output = runner.execute(dbc, input);
                if (!Arrays.equals(expected, output))
                {
                    throw new AssertionError("execution " + done + ": output=" + HexFormat.of().formatHex(output));
                }
                synchronized (this)
                {
                    done++;
                    notifyAll();
                }
            }
        }
        catch (final Throwable ex)
        {
            synchronized (this)
            {
                failure = ex;
                notifyAll();
            }
        }
    }

    /** Wait until one more execution finished after this call began; fail at once if one failed. */
    public synchronized void awaitMore() throws InterruptedException
    {
        final int target = done + 1;
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (done < target && failure == null)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                throw new AssertionError("no execution within " + timeout.toMillis() + " ms: done=" + done);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null)
        {
            throw new AssertionError("execution failed: done=" + done, failure);
        }
    }

    /** @return how many executions finished, every one exact; the workload stays active. */
    public int stop() throws InterruptedException
    {
        stopping = true;
        thread.join(timeout.toMillis());
        if (thread.isAlive())
        {
            throw new AssertionError("execution still running after " + timeout.toMillis() + " ms: done=" + done);
        }
        synchronized (this)
        {
            if (failure != null)
            {
                throw new AssertionError("execution failed: done=" + done, failure);
            }
            return done;
        }
    }

    /** Stop and deactivate the workload. */
    @Override
    public void close() throws Exception
    {
        stop();
        runner.deactivate(dbc);
    }
}
