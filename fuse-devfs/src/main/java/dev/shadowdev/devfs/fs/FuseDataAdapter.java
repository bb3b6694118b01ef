package dev.shadowdev.devfs.fs;

import com.kenai.jffi.MemoryIO;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.ResponseSink;
import jnr.ffi.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The node data path, straight from the kernel: a FUSE worker hands every request it receives here first, and a
 * {@code FUSE_READ} or {@code FUSE_WRITE} of an open node file is answered here: a write's data goes from the
 * receive buffer to the session, a read's response from the session's own memory to {@code /dev/fuse} with no copy
 * in between, each answered in one reply ({@link FuseReplyProxy}). Everything else (lookups, opens, ioctls, the
 * text files, a handle the devfs does not know) goes to libfuse untouched, and is answered there. So does a
 * {@code FUSE_INTERRUPT}, unless it names a node read a worker is waiting in: that wait ends, and the read is
 * answered EINTR ({@link NodeReadInterrupts}); its response, when it comes, is the next read's.
 * <p>
 * What this saves, per request, over libfuse 2.9's high-level path: the request's allocation and parsing, the path
 * built under libfuse's tree lock (allocated, then freed), a READ's {@code malloc} of the size asked for, and the
 * call from C back into Java (libffi, then JNI) with its argument conversions; and for a READ, the copy of the
 * response into a reply buffer. The reply is what libfuse would have
 * sent: the same header and data for a READ, {@code fuse_write_out} for a WRITE, the same negative errno otherwise.
 * The kernel's handle ({@code fh}) is the devfs's own: libfuse's high-level {@code open} passes it through.
 * <p>
 * One per worker, used by that worker's thread only. Allocation-free; a failure of the node is answered EIO and
 * logged, never thrown into the loop.
 */
final class FuseDataAdapter implements ResponseSink
{
    /** What the devfs does with an open node file's data ({@link AccelFs}). */
    interface NodeData
    {
        /** Returned when {@code fh} is not an open node file: nothing was done, libfuse answers. */
        int NOT_A_NODE = Integer.MIN_VALUE;

        /**
         * {@code read(2)} of the open node file {@code fh}: its next response, handed to {@code sink} in place.
         *
         * @param capacity  the bytes the caller asked for.
         * @param fileFlags the file's flags at this read ({@code f_flags}: a {@code fcntl(F_SETFL)} after the open
         *                  shows here), whose {@code O_NONBLOCK} says whether the read may wait.
         * @return what the sink returned, another read result (0, a negative errno) without calling it, or
         *     {@link #NOT_A_NODE}.
         */
        int readNode(long fh, ResponseSink sink, int capacity, int fileFlags);

        /**
         * {@code write(2)} of {@code src}'s remaining bytes to the open node file {@code fh}.
         *
         * @return bytes written, a negative errno, or {@link #NOT_A_NODE}.
         */
        int writeNode(long fh, ByteBuffer src);

        /** Run right before a READ's reply goes out (the devfs waits there for the kernel to forget removed nodes). */
        void beforeReply();
    }

    private static final Logger LOG = LoggerFactory.getLogger(FuseDataAdapter.class);

    private final NodeData nodes;
    private final NodeReadInterrupts interrupts;
    private final NodeReadInterrupts.Reader reader;
    private final FuseReplyProxy reply;
    private final int maxData;
    private final ByteBuffer request;
    private final ByteBuffer writeData;
    /** The READ being answered, for {@link #accept}. */
    private long readUnique;
    private boolean readReplied;

    /**
     * @param nodes         the devfs's open node files.
     * @param receiveBuffer the worker's receive buffer (every request lands there).
     * @param bufferSize    its size.
     * @param reply         the worker's replies.
     * @param maxData       the largest READ reply (the mount's {@code max_read}).
     * @param interrupts    the node reads every worker of the mount serves.
     * @param reader        this worker's, registered there.
     */
    FuseDataAdapter(final NodeData nodes, final Pointer receiveBuffer, final int bufferSize,
        final FuseReplyProxy reply, final int maxData, final NodeReadInterrupts interrupts,
        final NodeReadInterrupts.Reader reader)
    {
        this.nodes = nodes;
        this.interrupts = interrupts;
        this.reader = reader;
        this.reply = reply;
        this.maxData = maxData;
        this.request = MemoryIO.getInstance().newDirectByteBuffer(receiveBuffer.address(), bufferSize)
            .order(ByteOrder.LITTLE_ENDIAN);
        this.writeData = request.slice(FuseInDescriptor.DATA_OFFSET, bufferSize - FuseInDescriptor.DATA_OFFSET)
            .order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A request the worker received.
     *
     * @param length the bytes received.
     * @return true when it was answered here; false when libfuse must process it (nothing was done).
     */
    boolean onRequest(final int length)
    {
        if (length < FuseInDescriptor.HEADER_LENGTH)
        {
            return false;
        }
        switch (request.getInt(FuseInDescriptor.OPCODE_OFFSET))
        {
            case FuseOpcodes.READ:
                return length >= FuseInDescriptor.DATA_OFFSET && onRead();
            case FuseOpcodes.WRITE:
                return length >= FuseInDescriptor.DATA_OFFSET && onWrite(length);
            case FuseOpcodes.INTERRUPT:
                // A node read's wait ends here (it answers EINTR); any other request's interrupt is libfuse's.
                return length >= FuseInDescriptor.INTERRUPT_LENGTH &&
                    interrupts.interrupt(request.getLong(FuseInDescriptor.INTERRUPTED_UNIQUE_OFFSET));
            default:
                return false;
        }
    }

    private boolean onRead()
    {
        final long fh = request.getLong(FuseInDescriptor.FH_OFFSET);
        final int size = request.getInt(FuseInDescriptor.SIZE_OFFSET);
        final int fileFlags = request.getInt(FuseInDescriptor.FLAGS_OFFSET);
        readUnique = request.getLong(FuseInDescriptor.UNIQUE_OFFSET);
        readReplied = false;
        int result;
        boolean interrupted = false;
        reader.begin(readUnique);
        try
        {
            result = nodes.readNode(fh, this, Math.max(0, Math.min(size, maxData)), fileFlags);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("node read failed: fh={} size={}", fh, size, ex);
            result = Errno.EIO.status();
        }
        finally
        {
            interrupted = reader.end();
        }
        if (result == NodeData.NOT_A_NODE)
        {
            return false;
        }
        if (interrupted && result < 0)
        {
            // Its caller got a signal while it waited: EINTR; the response, when it comes, stays queued.
            result = Errno.EINTR.status();
        }
        if (!readReplied)
        {
            nodes.beforeReply();
            sent(result >= 0 ? reply.sendData(readUnique, 0) : reply.sendError(readUnique, -result), readUnique);
        }
        return true;
    }

    /**
     * The node's response, in place: sent from where it lies when that is direct memory (the pooled responses
     * are), else copied into the reply memory first.
     */
    @Override
    public int accept(final ByteBuffer response, final long address, final int length)
    {
        nodes.beforeReply();
        final long written;
        if (address != 0)
        {
            written = reply.sendData(readUnique, address, length);
        }
        else
        {
            reply.data(length).put(0, response, 0, length);
            written = reply.sendData(readUnique, length);
        }
        readReplied = true;
        sent(written, readUnique);
        return length;
    }

    private boolean onWrite(final int length)
    {
        final long fh = request.getLong(FuseInDescriptor.FH_OFFSET);
        final long unique = request.getLong(FuseInDescriptor.UNIQUE_OFFSET);
        final int size = request.getInt(FuseInDescriptor.SIZE_OFFSET);
        if (size < 0 || size > length - FuseInDescriptor.DATA_OFFSET)
        {
            // Not what the kernel sends: libfuse decides.
            return false;
        }
        int result;
        try
        {
            result = nodes.writeNode(fh, writeData.clear().limit(size));
        }
        catch (final RuntimeException ex)
        {
            LOG.error("node write failed: fh={} size={}", fh, size, ex);
            result = Errno.EIO.status();
        }
        if (result == NodeData.NOT_A_NODE)
        {
            return false;
        }
        sent(result >= 0 ? reply.sendWritten(unique, result) : reply.sendError(unique, -result), unique);
        return true;
    }

    /** As libfuse: a reply to a request the kernel dropped (its caller was interrupted) is no error. */
    private static void sent(final long written, final long unique)
    {
        if (written < 0 && written != Errno.ENOENT.status())
        {
            LOG.warn("reply not sent: errno={} unique={}", -written, unique);
        }
    }
}
