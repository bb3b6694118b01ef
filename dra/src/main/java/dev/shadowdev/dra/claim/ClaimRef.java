package dev.shadowdev.dra.claim;

import java.util.regex.Pattern;

/**
 * A claim as the kubelet names it.
 *
 * @param namespace the ResourceClaim's namespace.
 * @param uid       its UID.
 * @param name      its name.
 */
public record ClaimRef(String namespace, String uid, String name)
{
    /** A Kubernetes UID (RFC 4122 text) or anything as tame: it becomes part of file and CDI device names. */
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    /** @throws PrepareException when a field is empty or the UID is not UID-like. */
    public void validate(final String what) throws PrepareException
    {
        if (uid == null || !UID.matcher(uid).matches())
        {
            throw new PrepareException(what + ": bad claim uid: uid=" + uid);
        }
        if (namespace == null || namespace.isEmpty() || name == null || name.isEmpty())
        {
            throw new PrepareException(what + ": claim namespace and name required: uid=" + uid + " namespace=" +
                namespace + " name=" + name);
        }
    }

    @Override
    public String toString()
    {
        return namespace + "/" + name + " uid=" + uid;
    }
}
