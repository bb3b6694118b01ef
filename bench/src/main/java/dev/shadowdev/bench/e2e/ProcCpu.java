package dev.shadowdev.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time from {@code /proc/PID/stat}: utime + stime (fields 14 and 15), in clock ticks. */
final class ProcCpu
{
    /** USER_HZ: 100 on Linux on every architecture the bench runs on. */
    static final int TICKS_PER_SECOND = 100;

    private ProcCpu()
    {
    }

    /** @return utime + stime in ticks, or -1 when the process is gone. */
    static long ticks(final long pid)
    {
        try
        {
            return parse(Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /** @return utime + stime of a {@code /proc/PID/stat} line (the command may hold spaces and parentheses). */
    static long parse(final String stat)
    {
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static double ticksToMs(final long ticks)
    {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }
}
