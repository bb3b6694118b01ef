package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeSession;
import dev.shadowdev.wire.node.NodeIoctls;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A node channel on a driver {@link NodeSession} in this JVM: what the CLI's embedded mode and in-process tests use
 * instead of a mounted node file. Same contract as {@link FileNodeChannel}: the session enforces the node ABI, this
 * class only adapts buffers and turns the session's ready callback into {@link #poll(int)}.
 */
public final class SessionNodeChannel implements NodeChannel
{
    private final NodeSession session;
    private final boolean nonBlocking;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private volatile boolean closed;

    /**
     * @param session     the open session; this channel owns it and closes it.
     * @param nonBlocking as O_NONBLOCK: {@link #read} answers -EAGAIN instead of waiting.
     */
    public SessionNodeChannel(final NodeSession session, final boolean nonBlocking)
    {
        this.session = session;
        this.nonBlocking = nonBlocking;
        session.readyListener(this::signal);
    }

    @Override
    public int write(final ByteBuffer src)
    {
        return closed ? -LinuxErrno.EBADF : session.write(src.duplicate());
    }

    @Override
    public int read(final ByteBuffer dst)
    {
        return closed ? -LinuxErrno.EBADF : session.read(dst.duplicate(), nonBlocking);
    }

    @Override
    public int ioctl(final int cmd, final ByteBuffer arg)
    {
        if (closed)
        {
            return -LinuxErrno.EBADF;
        }
        final int size = NodeIoctls.size(cmd);
        if (arg.remaining() < size)
        {
            return Errno.EINVAL.status();
        }
        final ByteBuffer view = arg.duplicate();
        view.limit(view.position() + size);
        return session.ioctl(cmd, view.slice());
    }

    @Override
    public int poll(final int timeoutMs)
    {
        if (closed)
        {
            return -LinuxErrno.EBADF;
        }
        if (session.pollIn())
        {
            return 1;
        }
        if (timeoutMs == 0)
        {
            return 0;
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try
        {
            while (!session.pollIn())
            {
                if (closed)
                {
                    return -LinuxErrno.EBADF;
                }
                if (timeoutMs < 0)
                {
                    ready.await();
                }
                else
                {
                    final long left = deadline - System.nanoTime();
                    if (left <= 0)
                    {
                        return 0;
                    }
                    ready.awaitNanos(left);
                }
            }
            return 1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -LinuxErrno.EINTR;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            session.readyListener(null);
            session.close();
            signal();
        }
    }

    private void signal()
    {
        lock.lock();
        try
        {
            ready.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }
}
