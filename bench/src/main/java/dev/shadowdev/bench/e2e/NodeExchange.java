package dev.shadowdev.bench.e2e;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageResponseFlyweight;
import dev.shadowdev.wire.node.ManageResponseTransactionHeaderFlyweight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A shadowdev node session sending one prebuilt manage message (ABI.md 1.1) per exchange: its tag is bumped in
 * place, the message written from a direct buffer, the response read into another, and the header checked (length,
 * tag, message and transaction status). The first exchange, in {@link #verify}, also parses the response and checks
 * that the data came back unchanged.
 */
final class NodeExchange implements Exchange
{
    private static final int RESPONSE_CAPACITY = ManageResponseFlyweight.MAX_LENGTH;
    private static final int TRANSACTION_STATUS_OFFSET =
        ManageResponseFlyweight.LENGTH + ManageResponseTransactionHeaderFlyweight.STATUS_OFFSET;

    private final FileNodeChannel channel;
    private final ByteBuffer request;
    private final ByteBuffer response;
    private final int payload;
    private final int requestLength;
    private int expectedLength;
    private int tag;

    private NodeExchange(final FileNodeChannel channel, final ManageRequest message, final int payload)
    {
        this.channel = channel;
        this.payload = payload;
        this.requestLength = message.length();
        this.request = ByteBuffer.allocateDirect(requestLength).order(ByteOrder.LITTLE_ENDIAN);
        this.request.put(0, message.buffer(), 0, requestLength);
        this.response = ByteBuffer.allocateDirect(RESPONSE_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        this.tag = message.tag();
    }

    /** A PASSTHROUGH of {@code size} bytes (a multiple of 8). */
    static NodeExchange passthrough(final FileNodeChannel channel, final int size) throws NodeException
    {
        final byte[] data = Payloads.pattern(size);
        final NodeExchange exchange = new NodeExchange(channel, new ManageRequest().tag(1).passthrough(data), size);
        exchange.verify(data, true);
        return exchange;
    }

    /** An EXECUTE of {@code size} bytes on the workload activated on {@code dbcId}. */
    static NodeExchange execute(final FileNodeChannel channel, final int dbcId, final int size) throws NodeException
    {
        final byte[] data = Payloads.pattern(size);
        final NodeExchange exchange = new NodeExchange(
            channel, new ManageRequest().tag(1).execute(dbcId, data, 0, size), size);
        exchange.verify(data, false);
        return exchange;
    }

    @Override
    public int exchange()
    {
        final int t = ++tag;
        request.putInt(ManageMessageFlyweight.TAG_OFFSET, t);
        final int written = channel.write(request);
        if (written != requestLength)
        {
            return written < 0 ? written : Errno.EIO.status();
        }
        final int n = channel.read(response);
        if (n != expectedLength)
        {
            return n < 0 ? n : Errno.EBADMSG.status();
        }
        if (response.getInt(ManageResponseFlyweight.TAG_OFFSET) != t)
        {
            return Errno.EBADMSG.status();
        }
        final int status = response.getInt(ManageResponseFlyweight.STATUS_OFFSET);
        if (status != 0)
        {
            return status;
        }
        final int transactionStatus = response.getInt(TRANSACTION_STATUS_OFFSET);
        return transactionStatus != 0 ? transactionStatus : payload;
    }

    @Override
    public void close()
    {
        channel.close();
    }

    private void verify(final byte[] data, final boolean passthrough) throws NodeException
    {
        expectedLength = -1;
        request.putInt(ManageMessageFlyweight.TAG_OFFSET, ++tag);
        final int written = channel.write(request);
        if (written != requestLength)
        {
            throw new NodeException(written < 0 ? written : Errno.EIO.status(),
                "bench: first write failed: written=" + written + " len=" + requestLength);
        }
        final int n = channel.read(response);
        if (n <= 0)
        {
            throw new NodeException(n < 0 ? n : Errno.EIO.status(), "bench: first read failed: read=" + n);
        }
        final ManageResponse parsed = ManageResponse.parse(response.duplicate().position(0), n).requireOk();
        final byte[] echoed = passthrough ? parsed.passthrough(0) : parsed.execute(0).data();
        if (parsed.tag() != tag || !Arrays.equals(echoed, data))
        {
            throw new NodeException(Errno.EBADMSG.status(), "bench: response does not echo the request: tag=" +
                parsed.tag() + " expected_tag=" + tag + " bytes=" + echoed.length + " expected_bytes=" + data.length);
        }
        expectedLength = n;
    }
}
