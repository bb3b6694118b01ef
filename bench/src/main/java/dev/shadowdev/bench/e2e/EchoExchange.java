package dev.shadowdev.bench.e2e;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.NodeException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A session on the C baseline ({@code echofs}): write {@code size} bytes, read them back, through the same
 * {@link FileNodeChannel} and direct buffers as {@link NodeExchange}. The first exchange checks the bytes; the rest
 * check the length.
 */
final class EchoExchange implements Exchange
{
    private static final int READ_CAPACITY = 131072;

    private final FileNodeChannel channel;
    private final ByteBuffer request;
    private final ByteBuffer response;
    private final int size;

    EchoExchange(final FileNodeChannel channel, final int size) throws NodeException
    {
        this.channel = channel;
        this.size = size;
        this.request = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        this.response = ByteBuffer.allocateDirect(READ_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        final byte[] data = Payloads.pattern(size);
        request.put(0, data);
        final int n = exchange();
        final byte[] echoed = new byte[Math.max(n, 0)];
        response.get(0, echoed);
        if (n != size || !Arrays.equals(echoed, data))
        {
            throw new NodeException(n < 0 ? n : Errno.EBADMSG.status(),
                "bench: echofs does not echo: read=" + n + " size=" + size);
        }
    }

    @Override
    public int exchange()
    {
        final int written = channel.write(request);
        if (written != size)
        {
            return written < 0 ? written : Errno.EIO.status();
        }
        final int n = channel.read(response);
        if (n != size)
        {
            return n < 0 ? n : Errno.EBADMSG.status();
        }
        return size;
    }

    @Override
    public void close()
    {
        channel.close();
    }
}
