package dev.shadowdev.driver.counters;

/**
 * The driver's counters ({@link DriverCounters}), for tests, metrics and diagnosis. "Dropped" counters count
 * traffic the driver refused to hand to anybody.
 */
public enum Counter
{
    /** Control messages queued to the device. */
    CONTROL_SENT,
    /** Control responses matched to their request and delivered. */
    CONTROL_DELIVERED,
    /** Dropped: a response whose request is no longer pending (it timed out or was failed before). */
    CONTROL_LATE,
    /** Dropped: a response with a sequence number never issued, or whose handle or partition differ from its request's. */
    CONTROL_UNMATCHED,
    /** Dropped: a response that failed validation (magic, CRC, lengths, framing) or overran 64 KiB. */
    CONTROL_CORRUPT,
    /** Requests failed with ETIMEDOUT. */
    CONTROL_TIMEOUTS,
    /** Requests the device completed with an error code on the transfer ring (never delivered). */
    CONTROL_TX_ERRORS,
    /** Responses that are well formed but do not answer their request (count, type, continuation). */
    CONTROL_PROTOCOL_ERRORS,
    /** DMA bridge request elements submitted. */
    DBC_REQUESTS,
    /** DMA bridge response elements matched to their request. */
    DBC_RESPONSES,
    /** Dropped: DMA bridge response elements that matched no request in flight. */
    DBC_STALE,
    /** DMA bridge requests failed with ETIMEDOUT. */
    DBC_TIMEOUTS,
    /** DMA bridge requests in flight failed with ECANCELED because the firmware preempted their workload. */
    DBC_CANCELED,
    /** Notices from the card: a workload preempted (PARTITION_NOTICE_FROM_DEV kind PREEMPTED). */
    NOTICES_PREEMPTED,
    /** Notices from the card: a partition's drain completed (kind DRAINED). */
    NOTICES_DRAINED,
    /** Dropped: notices that were not well formed (count, sequence, header and body disagreeing, kind, reason). */
    NOTICES_REJECTED,
    /** Recoveries started (SYS_ERR or dead firmware). */
    RECOVERIES,
    /** Recoveries that ended with the firmware probed again. */
    RESETS,
    /** Recoveries that gave up. */
    RECOVERY_FAILURES,
    /** Sessions opened. */
    SESSIONS_OPENED,
    /** Sessions closed. */
    SESSIONS_CLOSED
}
