package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.config.NodeMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Sets node attributes through a mounted devfs: {@code chmod} and {@code chown} of
 * {@code <mount>/accel/accel<minor>}, which the filesystem turns into the node's mode and owner.
 */
public final class MountNodeAttributes implements NodeAttributes
{
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private final Path mount;

    public MountNodeAttributes(final Path mount)
    {
        this.mount = mount;
    }

    @Override
    public void apply(final int minor, final NodeMode mode) throws IOException
    {
        final Path node = mount.resolve("accel").resolve("accel" + minor);
        Files.setPosixFilePermissions(node, permissions(mode.mode()));
        Files.setAttribute(node, "unix:uid", (int)mode.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(node, "unix:gid", (int)mode.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    /** @return the permission set of the low nine mode bits. */
    static Set<PosixFilePermission> permissions(final int mode)
    {
        final Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++)
        {
            if ((mode & (1 << bit)) != 0)
            {
                set.add(BITS[bit]);
            }
        }
        return set;
    }
}
