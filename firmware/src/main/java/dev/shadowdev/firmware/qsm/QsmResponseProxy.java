package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.device.MhiDevice;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends the QSM control service's answers on the from-device control channel (11): builds one response message
 * at a time in its own 64 KiB buffer through a {@link WireResponseWriter}, then hands it to the {@link MhiDevice}.
 * <p>
 * Answers leave in the order they were built and none is dropped for lack of host buffers: when the channel has
 * no room (send returns -EAGAIN) or is not running (-ENODEV) the answer is copied into a FIFO and sent from
 * {@link #onCanSend()} when the host queues buffers. A long answer travels over several host buffers (the device
 * completes all but the last with OVERFLOW), so the host must keep at least 64 KiB of receive buffers queued on
 * the channel or a maximal answer waits forever, and every answer behind it with it. Answers are dropped (and
 * counted) only when the device is down (-EIO: SYS_ERR, reset; the host resets and re-probes anyway) and by
 * {@link #reset()}.
 * <p>
 * Not thread-safe: owned by the device thread. Building and sending allocate nothing unless the FIFO has to grow.
 */
public final class QsmResponseProxy
{
    /** Largest answer: {@link WireDirection#FROM_DEV}'s limit. */
    public static final int MAX_RESPONSE_LENGTH = WireDirection.FROM_DEV.maxLength();

    private static final Logger LOG = LoggerFactory.getLogger(QsmResponseProxy.class);
    private static final int EAGAIN = Errno.EAGAIN.status();
    private static final int ENODEV = Errno.ENODEV.status();

    private final MhiDevice device;
    private final int channel;
    private final WireBuffer buffer =
        new WireBuffer(ByteBuffer.allocate(MAX_RESPONSE_LENGTH).order(ByteOrder.LITTLE_ENDIAN));
    private final ByteBuffer bytes = buffer.byteBuffer();
    private final WireResponseWriter writer = new WireResponseWriter();
    private final PendingResponses pending = new PendingResponses();
    private volatile long sent;
    private long answers;
    private volatile long dropped;
    private volatile int queued;

    /**
     * @param device  the device end of the transport.
     * @param channel the from-device channel answers go to (qaic: CONTROL + 1 = 11).
     */
    public QsmResponseProxy(final MhiDevice device, final int channel)
    {
        this.device = device;
        this.channel = channel;
    }

    /**
     * Start the answer to the request whose header is at {@code offset} of {@code request}: its sequence number,
     * handle and partition ID.
     *
     * @return 0, or -EINVAL when the request has no whole header there.
     */
    public int beginReplyTo(final WireBuffer request, final int offset)
    {
        writer.wrap(buffer, 0, MAX_RESPONSE_LENGTH);
        return writer.beginReplyTo(request, offset);
    }

    /** @return the writer of the answer being built: append the answer transactions through it. */
    public WireResponseWriter writer()
    {
        return writer;
    }

    /**
     * @param answerLength length of the answer transaction about to be appended.
     * @param budget       bytes that must stay free for the answers still to come.
     * @return true when the answer fits and leaves the budget free.
     */
    public boolean fits(final int answerLength, final int budget)
    {
        return writer.remaining() - answerLength >= budget;
    }

    /**
     * Copy the answer transactions built so far (not the header) into {@code dst} at index 0.
     *
     * @return bytes copied.
     */
    public int saveAnswers(final WireBuffer dst)
    {
        final int length = writer.length() - WireMessageHeaderFlyweight.LENGTH;
        dst.putBytes(0, buffer, WireMessageHeaderFlyweight.LENGTH, length);
        return length;
    }

    /**
     * Append answer transactions saved by {@link #saveAnswers} to the answer being built.
     *
     * @param src    where they were saved.
     * @param length bytes saved.
     * @return 0, or the writer's negative errno when they do not fit (cannot happen for answers saved from a message
     * of the same size).
     */
    public int restoreAnswers(final WireBuffer src, final int length)
    {
        int position = 0;
        while (position < length)
        {
            final int type = src.getInt(position + WireTransactionHeaderFlyweight.TYPE_OFFSET);
            final int len = src.getInt(position + WireTransactionHeaderFlyweight.LEN_OFFSET);
            final int offset = writer.reserve(type, len);
            if (offset < 0)
            {
                return offset;
            }
            buffer.putBytes(
                offset + WireTransactionHeaderFlyweight.HEADER_LENGTH,
                src,
                position + WireTransactionHeaderFlyweight.HEADER_LENGTH,
                len - WireTransactionHeaderFlyweight.HEADER_LENGTH);
            position += len;
        }
        return 0;
    }

    /**
     * Close the answer being built and send it, or queue it behind earlier answers still waiting.
     *
     * @param withCrc stamp the CRC (the firmware requires CRCs).
     * @return the answer's length; or -EIO when the device is down and the answer was dropped; -EINVAL when no
     * transaction was appended (nothing sent).
     */
    public int send(final boolean withCrc)
    {
        final int length = writer.finish(withCrc);
        if (length < 0)
        {
            return length;
        }
        answers++;
        if (pending.isEmpty())
        {
            final int result = device.send(channel, bytes, 0, length);
            if (result == length)
            {
                sent++;
                return length;
            }
            if (result != EAGAIN && result != ENODEV)
            {
                dropped++;
                LOG.debug("answer dropped: channel={} length={} errno={}", channel, length, -result);
                return result;
            }
        }
        if (!pending.add(bytes, 0, length))
        {
            dropped++;
            LOG.error("answer queue full, answer dropped: channel={} queued={} length={}",
                channel, pending.count(), length);
            return Errno.ENOSPC.status();
        }
        queued = pending.count();
        return length;
    }

    /**
     * The host queued receive buffers: send what waits, in order, until the channel is full again.
     *
     * @return answers sent.
     */
    public int onCanSend()
    {
        int count = 0;
        while (!pending.isEmpty())
        {
            final int length = pending.firstLength();
            final int result = device.send(channel, pending.array(), pending.firstOffset(), length);
            if (result == EAGAIN || result == ENODEV)
            {
                break;
            }
            if (result == length)
            {
                sent++;
                count++;
            }
            else
            {
                dropped++;
                LOG.debug("queued answer dropped: channel={} length={} errno={}", channel, length, -result);
            }
            pending.remove();
        }
        queued = pending.count();
        return count;
    }

    /** Transport reset: the answers still waiting belong to the old session; drop them. */
    public void reset()
    {
        if (!pending.isEmpty())
        {
            dropped += pending.count();
            LOG.info("answers dropped by reset: channel={} count={}", channel, pending.count());
            pending.clear();
        }
        queued = 0;
    }

    /** @return answer messages finished by {@link #send}: sent, queued or dropped (device thread only). */
    public long answers()
    {
        return answers;
    }

    /** @return answers handed to the transport. */
    public long sent()
    {
        return sent;
    }

    /** @return answers waiting for host receive buffers. */
    public int queued()
    {
        return queued;
    }

    /** @return answers dropped because the device was down or reset. */
    public long dropped()
    {
        return dropped;
    }
}
