package dev.shadowdev.dra.claim;

import java.util.List;

/**
 * What the scheduler allocated to a claim on this node's pool: one entry per device, with the requests it serves.
 *
 * @param devices in allocation order.
 */
public record Allocation(List<AllocatedDevice> devices)
{
    public Allocation
    {
        devices = List.copyOf(devices);
    }

    /**
     * @param device       the device name in the pool.
     * @param requestNames the claim's requests it serves.
     */
    public record AllocatedDevice(String device, List<String> requestNames)
    {
        public AllocatedDevice
        {
            requestNames = List.copyOf(requestNames);
        }
    }
}
