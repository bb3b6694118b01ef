package dev.shadowdev.driver.control;

/**
 * One slot of the {@link PendingTable}: a request on the wire waiting for its response. Reused; only touched under
 * the {@link ControlClient}'s monitor.
 */
final class PendingRequest
{
    boolean inUse;
    int sequence;
    int handle;
    int partitionId;
    long deadline;
    ControlCompletion completion;

    void clear()
    {
        inUse = false;
        completion = null;
    }
}
