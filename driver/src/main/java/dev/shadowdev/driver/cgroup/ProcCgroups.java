package dev.shadowdev.driver.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A process's cgroup as the kernel reports it in {@code /proc/<pid>/cgroup} (lines of
 * {@code hierarchy-ID:controller-list:cgroup-path}): the unified hierarchy's {@code 0::} line where there is one
 * (cgroup v2, and v1 hybrid hosts that mount it), else the {@code name=systemd} line (v1 hosts without it). What
 * is trusted: the pid the kernel gave the FUSE request and the cgroup tree as the container runtime set it; nothing
 * the process writes takes part.
 */
public final class ProcCgroups
{
    private static final String SYSTEMD = "name=systemd";

    private ProcCgroups()
    {
    }

    /**
     * @param pid a process (or thread) ID in the daemon's pid namespace.
     * @return the content of its {@code /proc/<pid>/cgroup}, or null when the process is gone (or never was).
     */
    public static String read(final int pid)
    {
        if (pid <= 0)
        {
            return null;
        }
        try
        {
            return Files.readString(Path.of("/proc", Integer.toString(pid), "cgroup"), StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            // ESRCH too: a process that exits while the file is read fails the read itself.
            return null;
        }
    }

    /**
     * @param content a {@code /proc/<pid>/cgroup} file.
     * @return the cgroup path the lookup uses (see the class comment), or null when the file has neither line.
     */
    public static String select(final String content)
    {
        int systemdStart = -1;
        int systemdEnd = -1;
        int start = 0;
        while (start < content.length())
        {
            int end = content.indexOf('\n', start);
            if (end < 0)
            {
                end = content.length();
            }
            final int first = content.indexOf(':', start);
            final int second = first < 0 || first >= end ? -1 : content.indexOf(':', first + 1);
            if (second >= 0 && second < end)
            {
                if (first == start + 1 && content.charAt(start) == '0' && second == first + 1)
                {
                    return content.substring(second + 1, end);
                }
                if (systemdStart < 0 && hasController(content, first + 1, second, SYSTEMD))
                {
                    systemdStart = second + 1;
                    systemdEnd = end;
                }
            }
            start = end + 1;
        }
        return systemdStart < 0 ? null : content.substring(systemdStart, systemdEnd);
    }

    /** @return whether the comma-separated list in {@code [from, to)} of {@code s} holds {@code wanted}. */
    private static boolean hasController(final String s, final int from, final int to, final String wanted)
    {
        int at = from;
        while (at < to)
        {
            int comma = s.indexOf(',', at);
            if (comma < 0 || comma > to)
            {
                comma = to;
            }
            if (comma - at == wanted.length() && s.regionMatches(at, wanted, 0, wanted.length()))
            {
                return true;
            }
            at = comma + 1;
        }
        return false;
    }
}
