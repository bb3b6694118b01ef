package dev.shadowdev.bench.ring;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;

/**
 * The baseline: Agrona's {@link OneToOneRingBuffer} sized to hold at least
 * {@link RingThroughputBenchmark#RING_ELEMENTS} messages of {@link #messageSize} bytes (capacity rounded up to a
 * power of two: {@link RingThroughputBenchmark#agronaCapacity}; the MHI channel holds as many), written from a heap
 * source like the MHI producer's payload.
 */
@State(Scope.Group)
public class AgronaRingState
{
    static final int MESSAGE_TYPE = 1;

    @Param({"64", "4096"})
    public int messageSize;

    OneToOneRingBuffer ring;
    UnsafeBuffer source;
    MessageHandler handler;
    final PaddedTally consumer = new PaddedTally();

    @Setup(Level.Trial)
    public void setUp()
    {
        final int capacity = RingThroughputBenchmark.agronaCapacity(messageSize);
        ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
        final byte[] payload = new byte[messageSize];
        for (int i = 0; i < messageSize; i++)
        {
            payload[i] = (byte)i;
        }
        source = new UnsafeBuffer(payload);
        handler = (type, buffer, index, length) -> consumer.consumed += buffer.getLong(index);
    }
}
