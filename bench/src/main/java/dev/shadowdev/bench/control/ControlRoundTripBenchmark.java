package dev.shadowdev.bench.control;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Control round trip: the host sends one request on CONTROL and waits for its answer, one at a time.
 * <ul>
 *   <li>{@code card*}: a {@code FirmwareCard} answers on its device thread: MHI doorbell, transfer ring, message
 *   check (framing, CRC), the QSM service and the firmware model, the answer written into a host receive buffer,
 *   the event; the host (benchmark thread) polls its events, checks the answer's framing and CRC, and requeues the
 *   buffer.</li>
 *   <li>{@code agrona*}: the baseline, the same bytes over two Agrona {@code OneToOneRingBuffer}s with a responder
 *   thread (see {@link AgronaControlState}).</li>
 * </ul>
 * Two requests: STATUS (40 bytes, 56-byte answer) and a PASSTHROUGH of 64 bytes (104 bytes each way). Compare
 * {@code cardStatus} with {@code agronaStatus} and {@code cardPassthrough64} with {@code agronaPassthrough64}
 * (round trips per second); {@link ControlRoundTripRatio} runs them and prints the ratios.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class ControlRoundTripBenchmark
{
    @Benchmark
    public int cardStatus(final CardControlState card)
    {
        return card.roundTrip(ControlMessages.STATUS);
    }

    @Benchmark
    public int cardPassthrough64(final CardControlState card)
    {
        return card.roundTrip(ControlMessages.PASSTHROUGH);
    }

    @Benchmark
    public int agronaStatus(final AgronaControlState agrona)
    {
        return agrona.roundTrip(ControlMessages.STATUS);
    }

    @Benchmark
    public int agronaPassthrough64(final AgronaControlState agrona)
    {
        return agrona.roundTrip(ControlMessages.PASSTHROUGH);
    }
}
