package dev.shadowdev.bench.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's per-thread counters of a process, from {@code /proc/PID/task/TID/{stat,status}}: CPU time (user +
 * system, in clock ticks of 10 ms) and voluntary and involuntary context switches, summed per thread group (the
 * thread name with its trailing number dropped: {@code GC Thread#0} and {@code GC Thread#1} are {@code GC Thread#}).
 * Two snapshots around a measurement say where a server spends its CPU per exchange. Threads that end between the
 * two (libfuse retires idle workers) take their counts with them, so the per-group figures can undercount; the
 * process total ({@link #processTicks}) does not.
 */
final class ProcCounters
{
    /** USER_HZ, 100 on every Linux the bench runs on. */
    static final long TICK_NANOS = 10_000_000L;
    static final int CPU_TICKS = 0;
    static final int VOLUNTARY = 1;
    static final int INVOLUNTARY = 2;

    private ProcCounters()
    {
    }

    /**
     * @return the CPU ticks (user + system) of the whole process, threads that ended included; 0 when it is gone.
     */
    static long processTicks(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
    }

    /**
     * @return how many processes and threads the whole system has created since boot ({@code processes} in
     * {@code /proc/stat}); the difference over a run shows thread churn (e.g. FUSE workers coming and going).
     */
    static long systemForks()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/stat")))
            {
                if (line.startsWith("processes "))
                {
                    return Long.parseLong(line.substring("processes ".length()).trim());
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
        return 0;
    }

    /** @return group -> {cpu ticks, voluntary switches, involuntary switches}; empty when the process is gone. */
    static Map<String, long[]> snapshot(final long pid)
    {
        final Map<String, long[]> groups = new TreeMap<>();
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks))
        {
            for (final Path task : dir)
            {
                try
                {
                    final String stat = Files.readString(task.resolve("stat"));
                    final int open = stat.indexOf('(');
                    final int close = stat.lastIndexOf(')');
                    final String comm = stat.substring(open + 1, close);
                    final String[] fields = stat.substring(close + 2).split(" ");
                    // fields[0] is field 3 (state): utime is field 14, stime field 15
                    final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long voluntary = 0;
                    long involuntary = 0;
                    for (final String line : Files.readAllLines(task.resolve("status")))
                    {
                        if (line.startsWith("voluntary_ctxt_switches:"))
                        {
                            voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                        else if (line.startsWith("nonvoluntary_ctxt_switches:"))
                        {
                            involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    final long[] g = groups.computeIfAbsent(group(comm), (k) -> new long[3]);
                    g[CPU_TICKS] += ticks;
                    g[VOLUNTARY] += voluntary;
                    g[INVOLUNTARY] += involuntary;
                }
                catch (final IOException | RuntimeException ex)
                {
                    // the thread ended between the listing and the read: it no longer counts
                }
            }
        }
        catch (final IOException ex)
        {
            return groups;
        }
        return groups;
    }

    /** @return {@code after - before} per group (threads that ended take their counts with them). */
    static Map<String, long[]> diff(final Map<String, long[]> before, final Map<String, long[]> after)
    {
        final Map<String, long[]> d = new TreeMap<>();
        for (final Map.Entry<String, long[]> e : after.entrySet())
        {
            final long[] b = before.getOrDefault(e.getKey(), new long[3]);
            final long[] a = e.getValue();
            final long[] delta = {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
            if (delta[0] > 0 || delta[1] > 0 || delta[2] > 0)
            {
                d.put(e.getKey(), delta);
            }
        }
        return d;
    }

    static String group(final String comm)
    {
        int end = comm.length();
        while (end > 0 && (Character.isDigit(comm.charAt(end - 1)) || comm.charAt(end - 1) == '-'))
        {
            end--;
        }
        return end == 0 ? comm : comm.substring(0, end);
    }
}
