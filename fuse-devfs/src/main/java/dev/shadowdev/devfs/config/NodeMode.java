package dev.shadowdev.devfs.config;

/**
 * Permission bits and owner of a shadow node file: what {@code chmod}/{@code chown} would set on
 * {@code accel/accel<minor>}.
 *
 * @param mode permission bits, 0 to 0777 (no setuid, setgid or sticky bits on a device node).
 * @param uid  owner user ID.
 * @param gid  owner group ID.
 */
public record NodeMode(int mode, long uid, long gid)
{
    /** The largest permission bits a node may have. */
    public static final int MAX_MODE = 0777;

    /** A node whose mode and owner the config leaves out: root:root, read-write for owner and group. */
    public static final NodeMode DEFAULT = new NodeMode(0660, 0, 0);

    public NodeMode
    {
        if (mode < 0 || mode > MAX_MODE)
        {
            throw new IllegalArgumentException("bad mode: mode=" + Integer.toOctalString(mode));
        }
        if (uid < 0 || gid < 0)
        {
            throw new IllegalArgumentException("bad owner: uid=" + uid + " gid=" + gid);
        }
    }

    /** @return the mode as four octal digits, {@code "0660"}. */
    public String octal()
    {
        return String.format("%04o", mode);
    }

    @Override
    public String toString()
    {
        return "mode=" + octal() + " uid=" + uid + " gid=" + gid;
    }
}
