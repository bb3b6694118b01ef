package dev.shadowdev.bench.ring;

import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.mhi.host.MhiHost;
import org.agrona.BitUtil;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;

/**
 * One-way ring throughput, MHI channel beside Agrona's {@code OneToOneRingBuffer}, same message sizes, same
 * threads: one producer thread, one consumer thread per group.
 * <ul>
 *   <li>{@code mhi}: the producer copies the message into its slot's DMA buffer, writes a transfer element and
 *   rings the channel doorbell every {@link #BATCH} elements (IEOT on the element before each doorbell, so the
 *   device posts one TX event per batch, as Linux clients batch with BEI/IEOT); when the ring is full it rings
 *   and reaps completions ({@code MhiHost.doWork}). The consumer thread is the device ({@code MhiDevice.doWork}):
 *   on each doorbell it fetches the elements, checks each against the shared region, hands each message to the
 *   handler in place, and posts the events.</li>
 *   <li>{@code agrona}: the producer writes the message ({@code write} copies it); the consumer reads
 *   ({@code read} with a handler, which also zeroes consumed space).</li>
 * </ul>
 * Both handlers read the first 8 bytes of each message. Agrona 2 needs {@code jdk.internal.misc} exported, hence
 * the fork's JVM argument. The score to compare is the producer's rate
 * ({@code mhiProduce} vs {@code agronaProduce}, messages per second); the consumer's count is of polls.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class RingThroughputBenchmark
{
    /**
     * Messages each ring must hold at least. Agrona's capacity is a power of two of bytes, so it holds more
     * ({@link #messagesHeld}: 1,820 of 64 bytes, 2,044 of 4,096); the MHI channel is given as many (plus the one
     * element a ring keeps empty), so that both buffer the same number of messages. Which ring holds more matters
     * beside a busy loop: a ring that holds more lets its producer work on while the consumer waits for a core.
     */
    public static final int RING_ELEMENTS = 1024;
    /** Elements per doorbell (and per TX event). */
    public static final int BATCH = 32;

    /** @return the bytes of Agrona's ring for messages of {@code messageSize}: at least {@link #RING_ELEMENTS}. */
    static int agronaCapacity(final int messageSize)
    {
        return BitUtil.findNextPositivePowerOfTwo(RING_ELEMENTS * agronaRecord(messageSize));
    }

    /** @return messages of {@code messageSize} bytes Agrona's ring holds at once, and so the MHI channel too. */
    static int messagesHeld(final int messageSize)
    {
        return agronaCapacity(messageSize) / agronaRecord(messageSize);
    }

    private static int agronaRecord(final int messageSize)
    {
        return BitUtil.align(messageSize + RecordDescriptor.HEADER_LENGTH, RecordDescriptor.ALIGNMENT);
    }

    @Benchmark
    @Group("mhi")
    @GroupThreads(1)
    public void mhiProduce(final MhiRingState ring, final Control control)
    {
        final MhiHost host = ring.host;
        final PaddedTally cursor = ring.producer;
        int free = host.freeSlots(MhiRingState.CHANNEL);
        while (free == 0)
        {
            if (cursor.unrung > 0)
            {
                host.doorbell(MhiRingState.CHANNEL);
                cursor.unrung = 0;
            }
            host.doWork();
            if (control.stopMeasurement)
            {
                return;
            }
            free = host.freeSlots(MhiRingState.CHANNEL);
        }
        final int size = ring.messageSize;
        final int slot = cursor.slot;
        cursor.slot = slot + 1 == ring.elements ? 0 : slot + 1;
        ring.memory.put(ring.buffersOffset + slot * size, ring.payload, 0, size);
        final boolean last = ++cursor.unrung == BATCH || free == 1;
        host.queue(MhiRingState.CHANNEL, ring.buffers + (long)slot * size, size,
            last ? TransferTreFlyweight.FLAG_IEOT : 0);
        if (last)
        {
            host.doorbell(MhiRingState.CHANNEL);
            cursor.unrung = 0;
        }
    }

    @Benchmark
    @Group("mhi")
    @GroupThreads(1)
    public int mhiConsume(final MhiRingState ring)
    {
        return ring.device.doWork();
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public void agronaProduce(final AgronaRingState ring, final Control control)
    {
        while (!ring.ring.write(AgronaRingState.MESSAGE_TYPE, ring.source, 0, ring.messageSize))
        {
            if (control.stopMeasurement)
            {
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public int agronaConsume(final AgronaRingState ring)
    {
        return ring.ring.read(ring.handler);
    }
}
