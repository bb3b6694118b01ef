package dev.shadowdev.driver.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import dev.shadowdev.abi.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every message that crosses the transport into a classic pcap file (ABI.md section 5) that tshark and
 * Wireshark open: the {@link PcapHeaderDescriptor global header} once, then per message a
 * {@link PcapHeaderDescriptor record header}, the {@link TracePseudoHeaderDescriptor pseudo-header} and the message
 * bytes exactly as they crossed (truncated to {@link PcapHeaderDescriptor#SNAPLEN} with the true length kept in
 * {@code orig_len}).
 * <p>
 * Any number of threads may {@link #record record} at once: one lock orders the records, and the timestamp is taken
 * under it so file order is time order. Records are copied into a direct buffer that holds at least one record of
 * the largest size, written to the {@link FileChannel} when the next record does not fit, on {@link #flush()} and on
 * {@link #close()}. Recording allocates nothing and throws nothing: it returns 0 or a negative errno. After a failed
 * write the trace stops (every later record is counted as dropped) and the transport carries on.
 */
public final class PcapTraceWriter implements AutoCloseable
{
    /** {@link #record}: an argument is out of range; nothing was written ({@code -EINVAL}). */
    public static final int BAD_ARGUMENT = Errno.EINVAL.status();

    /** {@link #record}, {@link #flush()}: the trace is closed or a write failed; nothing was written ({@code -EIO}). */
    public static final int TRACE_FAILED = Errno.EIO.status();

    private static final Logger LOG = LoggerFactory.getLogger(PcapTraceWriter.class);

    private static final int MAX_RECORD_LENGTH = PcapHeaderDescriptor.RECORD_HEADER_LENGTH + PcapHeaderDescriptor.SNAPLEN;
    private static final int MAX_MESSAGE_CAPTURED = PcapHeaderDescriptor.SNAPLEN - TracePseudoHeaderDescriptor.LENGTH;

    private final ReentrantLock lock = new ReentrantLock();
    private final Path path;
    private final FileChannel channel;
    private final LongSupplier epochNanoClock;
    private final ByteBuffer buffer;
    private long records;
    private long dropped;
    private boolean failed;

    private PcapTraceWriter(
        final Path path, final FileChannel channel, final LongSupplier epochNanoClock, final int bufferCapacity)
    {
        this.path = path;
        this.channel = channel;
        this.epochNanoClock = epochNanoClock;
        this.buffer = ByteBuffer.allocateDirect(bufferCapacity);
    }

    /**
     * Create (or truncate) a trace file and write its global header, timestamps from the system clock.
     *
     * @param path file to write.
     * @return the writer.
     * @throws IOException when the file cannot be created or written.
     */
    public static PcapTraceWriter open(final Path path) throws IOException
    {
        return open(path, new OffsetEpochNanoClock());
    }

    /**
     * Create (or truncate) a trace file and write its global header.
     *
     * @param path           file to write.
     * @param epochNanoClock capture timestamps, nanoseconds since the epoch (tests inject a fixed one).
     * @return the writer.
     * @throws IOException when the file cannot be created or written.
     */
    public static PcapTraceWriter open(final Path path, final LongSupplier epochNanoClock) throws IOException
    {
        final FileChannel channel = FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        final PcapTraceWriter writer = new PcapTraceWriter(path, channel, epochNanoClock, 2 * MAX_RECORD_LENGTH);
        PcapHeaderDescriptor.writeGlobalHeader(writer.buffer, 0);
        writer.buffer.position(PcapHeaderDescriptor.GLOBAL_HEADER_LENGTH);
        if (writer.flush() != 0)
        {
            writer.close();
            throw new IOException("pcap trace header not written: path=" + path);
        }
        LOG.info("pcap trace opened: path={}", path);
        return writer;
    }

    /**
     * Append one message as it crossed the transport.
     *
     * @param direction {@link TracePseudoHeaderDescriptor#HOST_TO_DEVICE} or
     *                  {@link TracePseudoHeaderDescriptor#DEVICE_TO_HOST}.
     * @param kind      {@link TracePseudoHeaderDescriptor#KIND_CONTROL},
     *                  {@link TracePseudoHeaderDescriptor#KIND_DBC_REQUEST} or
     *                  {@link TracePseudoHeaderDescriptor#KIND_DBC_RESPONSE}.
     * @param channel   MHI channel (control) or DBC id, {@code 0..65535}.
     * @param src       the message; its position, limit and order are not touched.
     * @param offset    absolute index of the first message byte in {@code src}.
     * @param length    message length in bytes; {@code offset + length <= src.limit()}.
     * @return 0, {@link #BAD_ARGUMENT} or {@link #TRACE_FAILED}.
     */
    public int record(
        final int direction, final int kind, final int channel, final ByteBuffer src, final int offset, final int length)
    {
        if (!TracePseudoHeaderDescriptor.isValidDirection(direction) ||
            !TracePseudoHeaderDescriptor.isValidKind(kind) ||
            channel < 0 || channel > TracePseudoHeaderDescriptor.MAX_CHANNEL ||
            offset < 0 || length < 0 || length > src.limit() - offset)
        {
            LOG.warn("pcap trace record rejected: direction={} kind={} channel={} offset={} length={} limit={}",
                direction, kind, channel, offset, length, src.limit());
            return BAD_ARGUMENT;
        }

        final int captured = Math.min(length, MAX_MESSAGE_CAPTURED);
        final int inclLen = TracePseudoHeaderDescriptor.LENGTH + captured;
        final int recordLength = PcapHeaderDescriptor.RECORD_HEADER_LENGTH + inclLen;

        lock.lock();
        try
        {
            if (failed || (buffer.remaining() < recordLength && writeBuffer() != 0))
            {
                dropped++;
                return TRACE_FAILED;
            }
            final int at = buffer.position();
            final int pseudoAt = at + PcapHeaderDescriptor.RECORD_HEADER_LENGTH;
            PcapHeaderDescriptor.writeRecordHeader(
                buffer, at, epochNanoClock.getAsLong(), inclLen, TracePseudoHeaderDescriptor.LENGTH + length);
            TracePseudoHeaderDescriptor.write(buffer, pseudoAt, direction, kind, channel);
            buffer.put(pseudoAt + TracePseudoHeaderDescriptor.LENGTH, src, offset, captured);
            buffer.position(at + recordLength);
            records++;
            return 0;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Write the buffered records to the file.
     *
     * @return 0 or {@link #TRACE_FAILED}.
     */
    public int flush()
    {
        lock.lock();
        try
        {
            return failed ? TRACE_FAILED : writeBuffer();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return records accepted so far.
     */
    public long recordCount()
    {
        lock.lock();
        try
        {
            return records;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return records dropped because the trace had failed or was closed.
     */
    public long droppedCount()
    {
        lock.lock();
        try
        {
            return dropped;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Flush and close the file; later records are dropped with {@link #TRACE_FAILED}. Idempotent.
     */
    @Override
    public void close()
    {
        lock.lock();
        try
        {
            if (!channel.isOpen())
            {
                return;
            }
            if (!failed)
            {
                writeBuffer();
            }
            failed = true;
            channel.close();
            LOG.info("pcap trace closed: path={} records={} dropped={}", path, records, dropped);
        }
        catch (final IOException ex)
        {
            LOG.error("pcap trace close failed: path={} error={}", path, ex.toString());
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Write everything buffered; on failure mark the trace failed. Called with the lock held.
     */
    private int writeBuffer()
    {
        buffer.flip();
        try
        {
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            buffer.clear();
            return 0;
        }
        catch (final IOException ex)
        {
            failed = true;
            buffer.clear();
            LOG.error("pcap trace write failed: path={} error={}", path, ex.toString());
            return TRACE_FAILED;
        }
    }
}
