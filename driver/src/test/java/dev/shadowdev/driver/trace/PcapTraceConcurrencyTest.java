package dev.shadowdev.driver.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several threads record at once; every record must come out whole, in each thread's order, in time order.
 */
class PcapTraceConcurrencyTest
{
    private static final int THREADS = 4;
    private static final int RECORDS_PER_THREAD = 2_000;

    @TempDir
    Path dir;

    @Test
    void recordsFromManyThreadsComeOutWholeAndOrdered() throws IOException, InterruptedException
    {
        final Path file = dir.resolve("threads.pcap");
        final AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();

        try (PcapTraceWriter writer = PcapTraceWriter.open(file, () -> clock.addAndGet(1_000L)))
        {
            for (int t = 0; t < THREADS; t++)
            {
                final int id = t + 1;
                final Thread thread = new Thread(() -> recordMany(writer, start, id), "trace-" + id);
                threads.add(thread);
                thread.start();
            }
            start.countDown();
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertEquals((long)THREADS * RECORDS_PER_THREAD, writer.recordCount());
        }

        final ByteBuffer trace = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(trace.capacity() > 1_000_000, "trace bytes: size=" + trace.capacity());
        final int[] nextSequence = new int[THREADS + 1];
        long lastMicros = 0;
        int position = PcapHeaderDescriptor.GLOBAL_HEADER_LENGTH;
        int records = 0;
        while (position < trace.capacity())
        {
            final long micros = trace.getInt(position + PcapHeaderDescriptor.TS_SEC_OFFSET) * 1_000_000L +
                trace.getInt(position + PcapHeaderDescriptor.TS_USEC_OFFSET);
            final int inclLen = trace.getInt(position + PcapHeaderDescriptor.INCL_LEN_OFFSET);
            final int origLen = trace.getInt(position + PcapHeaderDescriptor.ORIG_LEN_OFFSET);
            final int pseudo = position + PcapHeaderDescriptor.RECORD_HEADER_LENGTH;
            final int message = pseudo + TracePseudoHeaderDescriptor.LENGTH;
            final int id = trace.getShort(pseudo + TracePseudoHeaderDescriptor.CHANNEL_OFFSET);
            final int sequence = trace.getInt(message);

            assertTrue(micros > lastMicros, "timestamps in file order: micros=" + micros);
            assertEquals(inclLen, origLen);
            assertEquals(nextSequence[id], sequence, "sequence of thread: id=" + id);
            assertEquals(sequence & 1, trace.get(pseudo + TracePseudoHeaderDescriptor.DIRECTION_OFFSET));
            assertEquals(sequence % 3, trace.get(pseudo + TracePseudoHeaderDescriptor.KIND_OFFSET));
            assertEquals(TracePseudoHeaderDescriptor.LENGTH + messageLength(sequence), inclLen);
            for (int i = Integer.BYTES; i < inclLen - TracePseudoHeaderDescriptor.LENGTH; i++)
            {
                if (trace.get(message + i) != (byte)id)
                {
                    assertEquals((byte)id, trace.get(message + i), "message byte: index=" + i);
                }
            }

            nextSequence[id] = sequence + 1;
            lastMicros = micros;
            position += PcapHeaderDescriptor.RECORD_HEADER_LENGTH + inclLen;
            records++;
        }
        assertEquals(trace.capacity(), position);
        assertEquals(THREADS * RECORDS_PER_THREAD, records);
        for (int id = 1; id <= THREADS; id++)
        {
            assertEquals(RECORDS_PER_THREAD, nextSequence[id], "records of thread: id=" + id);
        }
    }

    private static int messageLength(final int sequence)
    {
        return Integer.BYTES + sequence % 300;
    }

    private static void recordMany(final PcapTraceWriter writer, final CountDownLatch start, final int id)
    {
        final ByteBuffer message = ByteBuffer.allocate(Integer.BYTES + 300).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = Integer.BYTES; i < message.capacity(); i++)
        {
            message.put(i, (byte)id);
        }
        try
        {
            start.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        for (int sequence = 0; sequence < RECORDS_PER_THREAD; sequence++)
        {
            message.putInt(0, sequence);
            final int status = writer.record(sequence & 1, sequence % 3, id, message, 0, messageLength(sequence));
            if (status != 0)
            {
                throw new IllegalStateException("record failed: status=" + status);
            }
        }
    }
}
