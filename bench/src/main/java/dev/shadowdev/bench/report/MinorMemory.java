package dev.shadowdev.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bits per minor, read from the table {@code dev.shadowdev.bench.minor.MinorMemoryReport} prints (columns: in use,
 * pattern, bytes of MinorAllocator, BitSet, IDA, then the same as bits per minor of the 2^20 range).
 */
final class MinorMemory
{
    private static final int RANGE = 1 << 20;
    private static final double BITS_TARGET = 1.05;

    private MinorMemory()
    {
    }

    static List<ReportEntry> entries(final Path table) throws IOException
    {
        final List<ReportEntry> list = new ArrayList<>();
        for (final String line : Files.readAllLines(table))
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length != 8 || !f[0].matches("\\d+") || !"dense".equals(f[1]))
            {
                continue;
            }
            final long inUse = Long.parseLong(f[0]);
            final double minor = Double.parseDouble(f[5]);
            final double bitSet = Double.parseDouble(f[6]);
            final double ida = Double.parseDouble(f[7]);
            final String at;
            if (inUse == RANGE)
            {
                at = "full";
            }
            else if (Math.abs(inUse - 0.9 * RANGE) < 1)
            {
                at = "0.90";
            }
            else
            {
                continue;
            }
            final String name = "minor.bits_per_minor." + at;
            ReportEntry vsIda = ReportEntry.of(name + ".vs_ida", minor, "bits per minor of the 2^20 range",
                "IDA model (Linux kernel sizes: xa_node + ida_bitmap)", ida, false);
            if ("full".equals(at))
            {
                vsIda = vsIda.valueAtMost(BITS_TARGET);
            }
            list.add(vsIda);
            list.add(ReportEntry.of(name + ".vs_bitset", minor, "bits per minor of the 2^20 range",
                "java.util.BitSet of 2^20 bits", bitSet, false));
        }
        return list;
    }
}
