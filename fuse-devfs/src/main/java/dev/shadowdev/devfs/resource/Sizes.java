package dev.shadowdev.devfs.resource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them in a config: {@code "8GiB"}, {@code "512MiB"}, {@code "64KiB"}, {@code "4096B"},
 * {@code "4096"}. Binary units only (KiB, MiB, GiB, TiB); no fractions, no spaces inside the number.
 */
public final class Sizes
{
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*(B|KiB|MiB|GiB|TiB)?");
    private static final String[] UNITS = { "TiB", "GiB", "MiB", "KiB" };
    private static final int[] SHIFTS = { 40, 30, 20, 10 };

    private Sizes()
    {
    }

    /**
     * @param text a size such as {@code "8GiB"}.
     * @return the size in bytes, or -1 when {@code text} is not a size or does not fit in a signed 64-bit value.
     */
    public static long parse(final String text)
    {
        final Matcher m = SIZE.matcher(text.strip());
        if (!m.matches())
        {
            return -1;
        }
        try
        {
            final long number = Long.parseLong(m.group(1));
            final String unit = m.group(2);
            if (unit == null || "B".equals(unit))
            {
                return number;
            }
            for (int i = 0; i < UNITS.length; i++)
            {
                if (UNITS[i].equals(unit))
                {
                    return Math.multiplyExact(number, 1L << SHIFTS[i]);
                }
            }
            return -1;
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * @param bytes a size.
     * @return the shortest exact form: {@code "8GiB"}, {@code "1536MiB"}, {@code "100B"}.
     */
    public static String format(final long bytes)
    {
        if (bytes > 0)
        {
            for (int i = 0; i < UNITS.length; i++)
            {
                final long unit = 1L << SHIFTS[i];
                if (bytes % unit == 0)
                {
                    return (bytes / unit) + UNITS[i];
                }
            }
        }
        return bytes + "B";
    }
}
