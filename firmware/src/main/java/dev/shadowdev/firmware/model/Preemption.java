package dev.shadowdev.firmware.model;

/**
 * A notice that a workload was preempted: it lost its cores and DMA channels at once, and every later EXECUTE or
 * DEACTIVATE its owner sends for {@code dbcId} answers ECANCELED (see {@link Firmware}). The wire layer turns it
 * into a card-to-host notice, so the driver can fail the session's pending requests on that DBC.
 *
 * @param partitionId the workload's partition.
 * @param handle      its owner's handle (the session).
 * @param dbcId       its dbc_id; the channel is free again once the notice is issued.
 * @param name        the image's name.
 * @param reason      why.
 */
public record Preemption(int partitionId, int handle, int dbcId, String name, PreemptionReason reason)
{
}
