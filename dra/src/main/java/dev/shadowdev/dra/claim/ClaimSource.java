package dev.shadowdev.dra.claim;

/** Where a claim's allocation comes from: the API server's ResourceClaim. */
@FunctionalInterface
public interface ClaimSource
{
    /**
     * @param ref  the claim the kubelet names.
     * @param pool this node's pool.
     * @return the devices allocated to it from {@code pool} of this driver.
     * @throws PrepareException when the claim cannot be read, is another claim (UID) or is not allocated.
     */
    Allocation allocation(ClaimRef ref, String pool) throws PrepareException;
}
