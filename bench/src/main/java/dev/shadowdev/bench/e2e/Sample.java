package dev.shadowdev.bench.e2e;

import java.util.Map;

/**
 * One measured run of one scenario on one target.
 *
 * @param opsPerSecond      exchanges per second, all sessions together.
 * @param megabytesPerSecond payload bytes (request data, one way) per second, in 10^6 bytes.
 * @param p50Micros         latency of one exchange (write + read), median.
 * @param allocBytesPerOp   what the session threads allocated per exchange (the JVM's counter).
 * @param serverCpuMicrosPerOp the server process's CPU time per exchange, all threads.
 * @param clientCpuMicrosPerOp the session threads' CPU time per exchange.
 * @param serverSwitchesPerOp  the server's context switches (voluntary + involuntary) per exchange.
 * @param systemThreadsCreatedPerOp threads and processes the whole machine created per exchange (FUSE worker
 *                          churn shows here; so does anything else running on the machine).
 * @param serverThreads     per thread group: CPU microseconds per exchange.
 */
record Sample(
    String target,
    String workload,
    int size,
    int sessions,
    long ops,
    double seconds,
    double opsPerSecond,
    double megabytesPerSecond,
    double p50Micros,
    double p99Micros,
    double p999Micros,
    double maxMicros,
    double meanMicros,
    double allocBytesPerOp,
    double serverCpuMicrosPerOp,
    double clientCpuMicrosPerOp,
    double serverSwitchesPerOp,
    double systemThreadsCreatedPerOp,
    Map<String, Double> serverThreads)
{
}
