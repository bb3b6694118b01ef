package dev.shadowdev.bench.control;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The baseline: the same request/response round trip over two Agrona {@link OneToOneRingBuffer}s (requests one
 * way, answers the other) with a responder thread in place of the card. The requester writes the same request
 * bytes (CRC stamped); the responder answers each with an answer of the real answer's length carrying the
 * request's sequence number and a fresh CRC; the requester waits for it and checks the sequence number. Both
 * sides wait as the card's host does ({@link ControlMessages#idle}); the responder never parks (the card's
 * device thread parks only after a few hundred idle polls, never within a round trip). No
 * decoding, validation or firmware model: it is the cost of a bare cross-thread round trip of those bytes.
 */
@State(Scope.Benchmark)
public class AgronaControlState
{
    private static final int MESSAGE_TYPE = 1;
    private static final int CAPACITY = 64 * 1024;

    private OneToOneRingBuffer requests;
    private OneToOneRingBuffer answers;
    private Thread responder;
    private volatile boolean running;
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[256]);
    private final WireBuffer requestView = new WireBuffer(request.byteArray());
    private final WireRequestWriter writer = new WireRequestWriter();
    private final MessageHandler onAnswer = this::onAnswer;
    private int sequence;
    private int answered;
    private int answerLength;

    @Setup(Level.Trial)
    public void setUp()
    {
        requests = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
        answers = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
        running = true;
        responder = new Thread(new Responder(), "bench-agrona-responder");
        responder.setDaemon(true);
        responder.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        running = false;
        responder.join(5_000);
    }

    /**
     * One request and its answer.
     *
     * @return the answer's length.
     */
    int roundTrip(final int kind)
    {
        writer.wrap(requestView, 0, request.capacity());
        final int expected = ++sequence;
        final int length = ControlMessages.build(writer, kind, expected);
        while (!requests.write(MESSAGE_TYPE, request, 0, length))
        {
            Thread.onSpinWait();
        }
        int idle = 0;
        while (answered != expected)
        {
            if (answers.read(onAnswer, 1) == 0)
            {
                ControlMessages.idle(++idle);
            }
        }
        return answerLength;
    }

    private void onAnswer(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        answerLength = length;
        answered = buffer.getInt(index + WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** Answers every request with an answer of the real length, its sequence number and a CRC. */
    private final class Responder implements Runnable, MessageHandler
    {
        private final UnsafeBuffer answer = new UnsafeBuffer(new byte[256]);
        private final WireBuffer answerView = new WireBuffer(answer.byteArray());
        private final WireCrc crc = new WireCrc();

        @Override
        public void run()
        {
            int idle = 0;
            while (running)
            {
                if (requests.read(this) == 0)
                {
                    ControlMessages.idle(++idle);
                }
                else
                {
                    idle = 0;
                }
            }
        }

        @Override
        public void onMessage(final int type, final MutableDirectBuffer buffer, final int index, final int length)
        {
            final int kind = length == ControlMessages.answerLength(ControlMessages.PASSTHROUGH) ?
                ControlMessages.PASSTHROUGH : ControlMessages.STATUS;
            final int answerLength = ControlMessages.answerLength(kind);
            answer.putBytes(0, buffer, index, Math.min(length, answerLength));
            answerView.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, answerLength);
            crc.stamp(answerView, 0, answerLength);
            while (!answers.write(MESSAGE_TYPE, answer, 0, answerLength))
            {
                Thread.onSpinWait();
            }
        }
    }
}
