package dev.shadowdev.driver.testing;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeSession;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.SdInfoFlyweight;
import dev.shadowdev.wire.node.SdPartDevFlyweight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/** A test's open file on a node: write/read/ioctl with bounded waits. */
public final class Client implements AutoCloseable
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    public final NodeSession session;

    public Client(final NodeSession session)
    {
        if (session == null)
        {
            throw new AssertionError("open failed");
        }
        this.session = session;
    }

    /** @return write()'s result. */
    public int write(final byte[] message)
    {
        return session.write(ByteBuffer.wrap(message));
    }

    /** Write and expect acceptance. */
    public Client send(final Msg message)
    {
        final byte[] bytes = message.bytes();
        final int written = write(bytes);
        if (written != bytes.length)
        {
            throw new AssertionError("write refused: status=" + written);
        }
        return this;
    }

    /** @return the raw read result with a 128 KiB buffer, polling up to 10 s. */
    public int readRaw(final byte[] into)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (true)
        {
            final int n = session.read(ByteBuffer.wrap(into), true);
            if (n != Errno.EAGAIN.status())
            {
                return n;
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("no response within 10 s");
            }
            sleepMicros(200);
        }
    }

    /** @return the next response, waiting up to 10 s. */
    public Rsp read()
    {
        final byte[] bytes = new byte[131072];
        final int n = readRaw(bytes);
        if (n <= 0)
        {
            throw new AssertionError("read failed: status=" + n);
        }
        return Rsp.parse(bytes, n);
    }

    public Rsp transact(final Msg message)
    {
        send(message);
        return read();
    }

    /** SD_IOC_INFO. @return the 128 bytes, or null when the ioctl fails (status in {@code status[0]}). */
    public WireBuffer info(final int[] status)
    {
        final ByteBuffer arg = ByteBuffer.allocate(SdInfoFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        status[0] = session.ioctl(NodeIoctls.SD_IOC_INFO, arg);
        return status[0] == 0 ? new WireBuffer(arg) : null;
    }

    /**
     * SD_IOC_PART_DEV.
     *
     * @return {status, minor}.
     */
    public int[] partDev(final int partitionId, final int flags, final int minor)
    {
        final ByteBuffer arg = ByteBuffer.allocate(SdPartDevFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        new SdPartDevFlyweight().wrap(new WireBuffer(arg), 0).partitionId(partitionId).flags(flags).minor(minor);
        final int status = session.ioctl(NodeIoctls.SD_IOC_PART_DEV, arg);
        return new int[] { status, arg.getInt(SdPartDevFlyweight.MINOR_OFFSET) };
    }

    /** SD_IOC_MANAGE: {@code status[0]} gets the ioctl's result; returns the response or null. */
    public Rsp manage(final byte[] message, final int[] status)
    {
        final ByteBuffer arg = ByteBuffer.allocate(NodeIoctls.MANAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        arg.put(0, message, 0, Math.min(message.length, arg.capacity()));
        status[0] = session.ioctl(NodeIoctls.SD_IOC_MANAGE, arg);
        if (status[0] != 0)
        {
            return null;
        }
        final byte[] out = new byte[NodeIoctls.MANAGE_SIZE];
        arg.get(0, out);
        return Rsp.parse(out, arg.getInt(0));
    }

    /** Load an image into a slot in one DMA_XFER and ACTIVATE it: @return the dbc_id. */
    public int load(final int slot, final byte[] image)
    {
        final Rsp rsp = transact(Msg.tag(slot).dmaXfer(slot, 0, image, 0, image.length).activate(slot));
        if (rsp.txn(0).status() != 0 || rsp.txn(1).status() != 0 || rsp.txn(1).type() != NodeTypes.ACTIVATE)
        {
            throw new AssertionError("load failed: " + rsp.statuses());
        }
        return rsp.txn(1).i32(0);
    }

    /** EXECUTE one input: @return the output, or throws with the status. */
    public byte[] execute(final int dbcId, final byte[] input)
    {
        final Rsp rsp = transact(Msg.tag(dbcId).execute(dbcId, input));
        final Rsp.Txn txn = rsp.txn(0);
        if (txn.status() != 0)
        {
            throw new AssertionError("execute failed: status=" + txn.status());
        }
        final int length = txn.i32(4);
        final byte[] out = new byte[length];
        System.arraycopy(txn.body(), 8, out, 0, length);
        return out;
    }

    @Override
    public void close()
    {
        session.close();
    }

    public static void sleepMicros(final long micros)
    {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
    }
}
