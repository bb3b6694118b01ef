package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A node channel for client tests: records what is written, answers each write with what {@code responder}
 * returns for it (queued until read), and hands ioctls to {@code ioctlHandler}.
 */
final class ScriptedChannel implements NodeChannel
{
    final List<byte[]> writes = new ArrayList<>();
    final List<Integer> ioctls = new ArrayList<>();
    final Deque<byte[]> queued = new ArrayDeque<>();
    Function<byte[], byte[]> responder = (request) -> null;
    BiFunction<Integer, ByteBuffer, Integer> ioctlHandler = (cmd, arg) -> Errno.EINVAL.status();
    int writeResult = Integer.MIN_VALUE;
    int eagainBeforeEachResponse;
    int polls;
    boolean closed;
    private int eagainLeft;

    @Override
    public int write(final ByteBuffer src)
    {
        final byte[] bytes = new byte[src.remaining()];
        src.duplicate().get(bytes);
        writes.add(bytes);
        if (writeResult != Integer.MIN_VALUE)
        {
            return writeResult;
        }
        final byte[] response = responder.apply(bytes);
        if (response != null)
        {
            queued.add(response);
        }
        eagainLeft = eagainBeforeEachResponse;
        return bytes.length;
    }

    @Override
    public int read(final ByteBuffer dst)
    {
        if (queued.isEmpty())
        {
            return 0;
        }
        if (eagainLeft > 0)
        {
            eagainLeft--;
            return Errno.EAGAIN.status();
        }
        if (queued.peek().length > dst.remaining())
        {
            return Errno.EOVERFLOW.status();
        }
        final byte[] next = queued.poll();
        dst.put(dst.position(), next);
        return next.length;
    }

    @Override
    public int ioctl(final int cmd, final ByteBuffer arg)
    {
        ioctls.add(cmd);
        return ioctlHandler.apply(cmd, arg.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public int poll(final int timeoutMs)
    {
        polls++;
        return queued.isEmpty() ? 0 : 1;
    }

    @Override
    public void close()
    {
        closed = true;
    }

    /** @return the request's u32 at {@code index}. */
    static int u32(final byte[] request, final int index)
    {
        return ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getInt(index);
    }
}
