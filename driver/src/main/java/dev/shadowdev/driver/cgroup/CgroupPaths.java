package dev.shadowdev.driver.cgroup;

import dev.shadowdev.abi.Errno;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The rules a bound cgroup path follows (ABI.md 7), for PART_BIND and for the config alike: UTF-8, absolute, not
 * empty, at most {@link #MAX_LENGTH} bytes, no "." or ".." components, no empty component (no "//"), no NUL, and no
 * trailing "/" except for the root "/" itself. The path is then exactly as {@code /proc/<pid>/cgroup} prints a cgroup.
 */
public final class CgroupPaths
{
    /** Longest path in bytes (longer: ENAMETOOLONG). */
    public static final int MAX_LENGTH = 4096;

    private CgroupPaths()
    {
    }

    /**
     * @param raw the path's bytes.
     * @return the path.
     * @throws CgroupPathException -EINVAL or -ENAMETOOLONG, with the reason.
     */
    public static String decode(final byte[] raw) throws CgroupPathException
    {
        if (raw.length > MAX_LENGTH)
        {
            throw new CgroupPathException(Errno.ENAMETOOLONG.status(),
                "cgroup path too long: length=" + raw.length + " max=" + MAX_LENGTH);
        }
        final String path;
        try
        {
            path = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(raw))
                .toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw new CgroupPathException(Errno.EINVAL.status(), "cgroup path not UTF-8: length=" + raw.length);
        }
        check(path);
        return path;
    }

    /**
     * @param path a path as text (from a config file).
     * @throws CgroupPathException -EINVAL or -ENAMETOOLONG, with the reason.
     */
    public static void check(final String path) throws CgroupPathException
    {
        if (path.isEmpty())
        {
            throw new CgroupPathException(Errno.EINVAL.status(), "cgroup path empty: path=\"\"");
        }
        final int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_LENGTH)
        {
            throw new CgroupPathException(Errno.ENAMETOOLONG.status(),
                "cgroup path too long: length=" + bytes + " max=" + MAX_LENGTH);
        }
        if (path.charAt(0) != '/')
        {
            throw new CgroupPathException(Errno.EINVAL.status(), "cgroup path not absolute: path=" + path);
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0)
        {
            throw new CgroupPathException(Errno.EINVAL.status(),
                "cgroup path has a NUL or newline: path=" + path.replace("\0", "\\0").replace("\n", "\\n"));
        }
        if (path.length() == 1)
        {
            return;
        }
        if (path.endsWith("/"))
        {
            throw new CgroupPathException(Errno.EINVAL.status(), "cgroup path ends with /: path=" + path);
        }
        int start = 1;
        while (start <= path.length())
        {
            int end = path.indexOf('/', start);
            if (end < 0)
            {
                end = path.length();
            }
            final int length = end - start;
            if (length == 0)
            {
                throw new CgroupPathException(Errno.EINVAL.status(), "cgroup path has an empty component: path=" +
                    path);
            }
            final String component = path.substring(start, end);
            if (component.equals(".") || component.equals(".."))
            {
                throw new CgroupPathException(Errno.EINVAL.status(),
                    "cgroup path has a . or .. component: path=" + path);
            }
            start = end + 1;
        }
    }
}
