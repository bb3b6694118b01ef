package dev.shadowdev.devfs.fs;

import com.kenai.jffi.MemoryIO;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import dev.shadowdev.driver.api.ResponseSink;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A READ or WRITE of a node file gets the reply libfuse would send, its data sent in place; the rest is libfuse's. */
class FuseDataAdapterTest
{
    private static final int BUFFER = 8192;
    private static final int MAX_DATA = 4096;
    private static final long NODE = 7;
    private static final long TEXT_FILE = 8;
    private static final long UNIQUE = 0x1122334455667788L;

    private final Pointer receive = Memory.allocateDirect(Runtime.getSystemRuntime(), BUFFER, true);
    private final List<byte[]> replies = new ArrayList<>();
    private final FakeNodes nodes = new FakeNodes();
    private final List<Long> dataAddresses = new ArrayList<>();
    private final NodeReadInterrupts interrupts = new NodeReadInterrupts();
    private final FuseDataAdapter adapter = adapter(receive);

    @Test
    void aNodeReadSendsTheResponseFromWhereItLiesAfterTheHeaderInOneReply()
    {
        nodes.response = new byte[] {1, 2, 3, 4, 5};
        assertTrue(adapter.onRequest(read(NODE, 100)));
        assertEquals(1, nodes.reads);
        assertEquals(100, nodes.readLimit, "the size the kernel asked for");
        assertEquals(List.of(nodes.responseAddress), dataAddresses, "the response's own memory, not a copy");
        assertEquals(1, nodes.beforeReplies);
        final ByteBuffer reply = onlyReply();
        assertEquals(FuseOutDescriptor.HEADER_LENGTH + 5, reply.getInt(FuseOutDescriptor.LEN_OFFSET));
        assertEquals(FuseOutDescriptor.HEADER_LENGTH + 5, reply.limit());
        assertEquals(0, reply.getInt(FuseOutDescriptor.ERROR_OFFSET));
        assertEquals(UNIQUE, reply.getLong(FuseOutDescriptor.UNIQUE_OFFSET));
        final byte[] data = new byte[5];
        reply.get(FuseOutDescriptor.HEADER_LENGTH, data);
        assertArrayEquals(nodes.response, data);
    }

    @Test
    void eachReadWaitsOrNotAsTheFileFlagsItCarriesSayNotAsTheFileWasOpened()
    {
        final int nonBlocking = 04000;
        final int readWrite = 02;
        assertTrue(adapter.onRequest(read(NODE, 64, readWrite | nonBlocking)));
        assertEquals(readWrite | nonBlocking, nodes.fileFlags, "O_NONBLOCK set after the open reaches the node");
        assertTrue(adapter.onRequest(read(NODE, 64, readWrite)));
        assertEquals(readWrite, nodes.fileFlags, "and cleared again");
    }

    @Test
    void aResponseNotInDirectMemoryIsCopiedIntoTheReply()
    {
        nodes.response = new byte[] {9, 8, 7};
        nodes.heap = true;
        assertTrue(adapter.onRequest(read(NODE, 64)));
        assertEquals(List.of(0L), dataAddresses, "one piece: header and data in the reply memory");
        final ByteBuffer reply = onlyReply();
        assertEquals(FuseOutDescriptor.HEADER_LENGTH + 3, reply.getInt(FuseOutDescriptor.LEN_OFFSET));
        final byte[] data = new byte[3];
        reply.get(FuseOutDescriptor.HEADER_LENGTH, data);
        assertArrayEquals(nodes.response, data);
    }

    @Test
    void nothingToReadIsAnEmptyReply()
    {
        assertTrue(adapter.onRequest(read(NODE, 64)));
        final ByteBuffer reply = onlyReply();
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, reply.limit());
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, reply.getInt(FuseOutDescriptor.LEN_OFFSET));
        assertEquals(0, reply.getInt(FuseOutDescriptor.ERROR_OFFSET));
        assertEquals(1, nodes.beforeReplies);
    }

    @Test
    void aReadLargerThanTheMountAllowsAsksForNoMore()
    {
        assertTrue(adapter.onRequest(read(NODE, 1 << 20)));
        assertEquals(MAX_DATA, nodes.readLimit);
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, onlyReply().getInt(FuseOutDescriptor.LEN_OFFSET));
    }

    @Test
    void aNodeErrorIsTheHeaderAloneWithTheNegativeErrno()
    {
        nodes.status = Errno.EAGAIN.status();
        assertTrue(adapter.onRequest(read(NODE, 64)));
        final ByteBuffer reply = onlyReply();
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, reply.limit());
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, reply.getInt(FuseOutDescriptor.LEN_OFFSET));
        assertEquals(Errno.EAGAIN.status(), reply.getInt(FuseOutDescriptor.ERROR_OFFSET));
        assertEquals(UNIQUE, reply.getLong(FuseOutDescriptor.UNIQUE_OFFSET));
        assertEquals(1, nodes.beforeReplies, "the devfs's wait for the kernel runs before every READ reply");
    }

    @Test
    void aNodeWriteHandsOverExactlyItsDataAndRepliesWithTheSizeWritten()
    {
        final byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i * 7);
        }
        assertTrue(adapter.onRequest(write(NODE, data)));
        assertArrayEquals(data, nodes.written);
        final ByteBuffer reply = onlyReply();
        assertEquals(FuseOutDescriptor.WRITE_REPLY_LENGTH, reply.limit());
        assertEquals(FuseOutDescriptor.WRITE_REPLY_LENGTH, reply.getInt(FuseOutDescriptor.LEN_OFFSET));
        assertEquals(0, reply.getInt(FuseOutDescriptor.ERROR_OFFSET));
        assertEquals(UNIQUE, reply.getLong(FuseOutDescriptor.UNIQUE_OFFSET));
        assertEquals(data.length, reply.getInt(FuseOutDescriptor.WRITTEN_SIZE_OFFSET));
        assertEquals(0, reply.getInt(FuseOutDescriptor.WRITTEN_PADDING_OFFSET));
        assertEquals(0, nodes.beforeReplies, "a write removes no node");
    }

    @Test
    void aRefusedWriteRepliesItsErrno()
    {
        nodes.status = Errno.EMSGSIZE.status();
        assertTrue(adapter.onRequest(write(NODE, new byte[16])));
        final ByteBuffer reply = onlyReply();
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, reply.limit());
        assertEquals(Errno.EMSGSIZE.status(), reply.getInt(FuseOutDescriptor.ERROR_OFFSET));
    }

    @Test
    void whatIsNotANodeFileIsLeftToLibfuseUntouched()
    {
        assertFalse(adapter.onRequest(read(TEXT_FILE, 64)), "a text file");
        assertFalse(adapter.onRequest(write(TEXT_FILE, new byte[4])), "a text file");
        assertFalse(adapter.onRequest(other(1)), "FUSE_LOOKUP");
        assertFalse(adapter.onRequest(other(39)), "FUSE_IOCTL");
        read(NODE, 64);
        assertFalse(adapter.onRequest(FuseInDescriptor.DATA_OFFSET - 1), "shorter than a READ");
        assertFalse(adapter.onRequest(interrupt(receive, UNIQUE) - 1), "shorter than an INTERRUPT");
        assertEquals(0, replies.size(), "no reply: libfuse sends it");
        assertEquals(0, nodes.reads);
        assertEquals(null, nodes.written);
    }

    @Test
    void aWriteWhoseSizeExceedsWhatArrivedIsLeftToLibfuse()
    {
        final int length = write(NODE, new byte[16]);
        receive.putInt(FuseInDescriptor.SIZE_OFFSET, 17);
        assertFalse(adapter.onRequest(length));
        receive.putInt(FuseInDescriptor.SIZE_OFFSET, -1);
        assertFalse(adapter.onRequest(length));
        assertEquals(null, nodes.written);
        assertEquals(0, replies.size());
    }

    @Test
    void aFailingNodeIsAnsweredEioAndTheWorkerGoesOn()
    {
        nodes.fail = true;
        assertTrue(adapter.onRequest(read(NODE, 64)));
        assertEquals(Errno.EIO.status(), onlyReply().getInt(FuseOutDescriptor.ERROR_OFFSET));
        replies.clear();
        assertTrue(adapter.onRequest(write(NODE, new byte[4])));
        assertEquals(Errno.EIO.status(), onlyReply().getInt(FuseOutDescriptor.ERROR_OFFSET));
    }

    @Test
    void anInterruptEndsTheWaitOfTheNodeReadItNamesWhichAnswersEintrAndLeavesNoInterruptBehind() throws Exception
    {
        nodes.waitForResponse = true;
        final AtomicBoolean served = new AtomicBoolean();
        final AtomicBoolean interruptLeft = new AtomicBoolean(true);
        final Thread worker = new Thread(() ->
        {
            final Pointer own = Memory.allocateDirect(Runtime.getSystemRuntime(), BUFFER, true);
            final FuseDataAdapter reading = adapter(own);
            request(own, FuseOpcodes.READ, NODE, 64, null);
            served.set(reading.onRequest(FuseInDescriptor.DATA_OFFSET));
            interruptLeft.set(Thread.currentThread().isInterrupted());
        }, "reading-worker");
        worker.start();
        assertTrue(nodes.waiting.await(10, TimeUnit.SECONDS), "the read waits for its response");

        assertFalse(adapter.onRequest(interrupt(receive, UNIQUE + 1)), "another request's interrupt: libfuse's");
        assertTrue(adapter.onRequest(interrupt(receive, UNIQUE)), "the waiting read's interrupt is taken here");
        worker.join(10_000);
        assertFalse(worker.isAlive());
        assertTrue(served.get());
        assertFalse(interruptLeft.get(), "the worker's thread keeps no interrupt status for its next request");
        final ByteBuffer reply = onlyReply();
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, reply.limit());
        assertEquals(Errno.EINTR.status(), reply.getInt(FuseOutDescriptor.ERROR_OFFSET));
        assertEquals(UNIQUE, reply.getLong(FuseOutDescriptor.UNIQUE_OFFSET), "the READ's reply, none to the interrupt");

        // Once answered, the read is no longer there to interrupt: a late interrupt is left to libfuse.
        assertFalse(adapter.onRequest(interrupt(receive, UNIQUE)));
    }

    @Test
    void anInterruptThatComesBeforeTheReadIsMarkedEndsItsWaitAllTheSame() throws Exception
    {
        // The kernel may interrupt a READ a worker has received but not yet marked: nobody serves it yet, so the
        // interrupt goes to libfuse as before, and is kept for the read.
        assertFalse(adapter.onRequest(interrupt(receive, UNIQUE)));
        nodes.waitForResponse = true;
        final AtomicBoolean served = new AtomicBoolean();
        final Thread worker = new Thread(() ->
        {
            final NodeReadInterrupts.Reader reader = interrupts.register();
            BlockingHook.install(reader::beforeWait);
            final Pointer own = Memory.allocateDirect(Runtime.getSystemRuntime(), BUFFER, true);
            final FuseDataAdapter reading = adapter(own, reader);
            request(own, FuseOpcodes.READ, NODE, 64, null);
            served.set(reading.onRequest(FuseInDescriptor.DATA_OFFSET));
        }, "reading-worker");
        worker.start();
        worker.join(10_000);
        assertFalse(worker.isAlive(), "the read did not wait out its response");
        assertTrue(served.get());
        assertEquals(Errno.EINTR.status(), onlyReply().getInt(FuseOutDescriptor.ERROR_OFFSET));
    }

    @Test
    void anInterruptOfAReadThatDidNotWaitChangesNothing()
    {
        nodes.response = new byte[] {1, 2, 3};
        assertTrue(adapter.onRequest(read(NODE, 64)));
        assertFalse(adapter.onRequest(interrupt(receive, UNIQUE)));
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(0, onlyReply().getInt(FuseOutDescriptor.ERROR_OFFSET));
    }

    private FuseDataAdapter adapter(final Pointer buffer)
    {
        return adapter(buffer, interrupts.register());
    }

    private FuseDataAdapter adapter(final Pointer buffer, final NodeReadInterrupts.Reader reader)
    {
        return new FuseDataAdapter(nodes, buffer, BUFFER, new FuseReplyProxy(this::record, MAX_DATA), MAX_DATA,
            interrupts, reader);
    }

    /** Lay out a FUSE_INTERRUPT of the request {@code unique} in {@code buffer}; returns its length. */
    private static int interrupt(final Pointer buffer, final long unique)
    {
        buffer.putInt(FuseInDescriptor.LEN_OFFSET, FuseInDescriptor.INTERRUPT_LENGTH);
        buffer.putInt(FuseInDescriptor.OPCODE_OFFSET, FuseOpcodes.INTERRUPT);
        buffer.putLong(FuseInDescriptor.UNIQUE_OFFSET, (unique + 100) | 1);
        buffer.putLong(FuseInDescriptor.INTERRUPTED_UNIQUE_OFFSET, unique);
        return FuseInDescriptor.INTERRUPT_LENGTH;
    }

    /** Lay out a READ of {@code size} bytes in the receive buffer; returns its length. */
    private int read(final long fh, final int size)
    {
        return request(FuseOpcodes.READ, fh, size, null);
    }

    /** A READ as the kernel sends it after {@code fcntl(F_SETFL, flags)}: the file's flags in {@code fuse_read_in}. */
    private int read(final long fh, final int size, final int fileFlags)
    {
        final int length = read(fh, size);
        receive.putInt(FuseInDescriptor.FLAGS_OFFSET, fileFlags);
        return length;
    }

    /** Lay out a WRITE of {@code data} in the receive buffer; returns its length. */
    private int write(final long fh, final byte[] data)
    {
        return request(FuseOpcodes.WRITE, fh, data.length, data);
    }

    /** Another opcode, on the node, with a READ's length. */
    private int other(final int opcode)
    {
        return request(opcode, NODE, 0, null);
    }

    private int request(final int opcode, final long fh, final int size, final byte[] data)
    {
        return request(receive, opcode, fh, size, data);
    }

    private static int request(final Pointer receive, final int opcode, final long fh, final int size,
        final byte[] data)
    {
        final int length = FuseInDescriptor.DATA_OFFSET + (data == null ? 0 : data.length);
        receive.putInt(FuseInDescriptor.LEN_OFFSET, length);
        receive.putInt(FuseInDescriptor.OPCODE_OFFSET, opcode);
        receive.putLong(FuseInDescriptor.UNIQUE_OFFSET, UNIQUE);
        receive.putLong(FuseInDescriptor.NODEID_OFFSET, 42);
        receive.putLong(FuseInDescriptor.FH_OFFSET, fh);
        receive.putLong(FuseInDescriptor.OFFSET_OFFSET, 0);
        receive.putInt(FuseInDescriptor.SIZE_OFFSET, size);
        receive.putInt(FuseInDescriptor.FLAGS_OFFSET, 02);
        if (data != null)
        {
            receive.put(FuseInDescriptor.DATA_OFFSET, data, 0, data.length);
        }
        return length;
    }

    private long record(final Pointer reply, final long length, final long dataAddress, final long dataLength)
    {
        final byte[] bytes = new byte[(int)(length + dataLength)];
        reply.get(0, bytes, 0, (int)length);
        if (dataLength > 0)
        {
            Pointer.wrap(Runtime.getSystemRuntime(), dataAddress).get(0, bytes, (int)length, (int)dataLength);
        }
        replies.add(bytes);
        dataAddresses.add(dataAddress);
        return 0;
    }

    private ByteBuffer onlyReply()
    {
        assertEquals(1, replies.size());
        return ByteBuffer.wrap(replies.get(0)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** File handle NODE is a node session, TEXT_FILE is not. */
    private static final class FakeNodes implements FuseDataAdapter.NodeData
    {
        byte[] response;
        boolean heap;
        long responseAddress;
        int beforeReplies;
        byte[] written;
        int status;
        int reads;
        int readLimit;
        int fileFlags = -1;
        boolean fail;
        /**
         * Wait for a response as the session does: the thread's blocking hook first, then a wait that an interrupt
         * ends with EAGAIN, the interrupt status kept.
         */
        boolean waitForResponse;
        final CountDownLatch waiting = new CountDownLatch(1);

        @Override
        public int readNode(final long fh, final ResponseSink sink, final int capacity, final int fileFlags)
        {
            this.fileFlags = fileFlags;
            if (fh != NODE)
            {
                return NOT_A_NODE;
            }
            if (fail)
            {
                throw new IllegalStateException("node read failed");
            }
            reads++;
            readLimit = capacity;
            if (waitForResponse)
            {
                BlockingHook.beforeWait();
                waiting.countDown();
                try
                {
                    Thread.sleep(60_000);
                    return 0;
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return Errno.EAGAIN.status();
                }
            }
            if (status != 0 || response == null)
            {
                return status;
            }
            if (heap)
            {
                return sink.accept(ByteBuffer.wrap(response), 0, response.length);
            }
            final ByteBuffer direct = ByteBuffer.allocateDirect(response.length).put(0, response);
            responseAddress = MemoryIO.getInstance().getDirectBufferAddress(direct);
            return sink.accept(direct, responseAddress, response.length);
        }

        @Override
        public void beforeReply()
        {
            beforeReplies++;
        }

        @Override
        public int writeNode(final long fh, final ByteBuffer src)
        {
            if (fh != NODE)
            {
                return NOT_A_NODE;
            }
            if (fail)
            {
                throw new IllegalStateException("node write failed");
            }
            if (status != 0)
            {
                return status;
            }
            written = new byte[src.remaining()];
            src.get(written);
            return written.length;
        }
    }
}
