package dev.shadowdev.dra.claim;

import java.util.List;

/**
 * A claim the plugin prepared, or began to prepare: saved before the first partition is made (so a crash leaves
 * nothing the state does not name) and again, complete, once the CDI spec is written.
 *
 * @param uid       the ResourceClaim's UID.
 * @param namespace its namespace.
 * @param name      its name.
 * @param complete  true once every device is prepared and the CDI spec written.
 * @param devices   its devices on this node.
 */
public record ClaimRecord(String uid, String namespace, String name, boolean complete, List<PreparedDevice> devices)
{
    public ClaimRecord
    {
        devices = List.copyOf(devices);
    }

    /** @return {@code namespace/name}, for messages. */
    public String ref()
    {
        return namespace + "/" + name;
    }
}
