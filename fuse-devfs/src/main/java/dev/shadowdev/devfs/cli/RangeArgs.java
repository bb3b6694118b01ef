package dev.shadowdev.devfs.cli;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Sizes;

/** The command line's ranges ({@code 2..6}, {@code 4}, {@code 2GiB..8GiB}) and durations ({@code 30s}, {@code never}). */
final class RangeArgs
{
    /** The u32 grace meaning never (ABI.md 6.1, {@code PartDrainFlyweight.GRACE_NEVER}). */
    static final long NEVER = 0xFFFF_FFFFL;

    private RangeArgs()
    {
    }

    /**
     * @param resource the resource, for memory sizes and messages.
     * @param text     {@code N} (meaning {@code N..N}) or {@code N..M}; memory as sizes, {@code 2GiB..8GiB}.
     * @return {min, max}.
     * @throws IllegalArgumentException {@code bad range, want N or N..M: cores=abc} or
     *                                  {@code min above max: cores=6..2}.
     */
    static long[] range(final Resource resource, final String text)
    {
        final int dots = text.indexOf("..");
        final long min = amount(resource, dots < 0 ? text : text.substring(0, dots), text);
        final long max = dots < 0 ? min : amount(resource, text.substring(dots + 2), text);
        if (min > max)
        {
            throw new IllegalArgumentException("min above max: " + resource.key() + "=" + text);
        }
        return new long[] { min, max };
    }

    private static long amount(final Resource resource, final String part, final String text)
    {
        final long value = resource == Resource.MEMORY ? Sizes.parse(part) :
            part.matches("[0-9]{1,18}") ? Long.parseLong(part) : -1;
        if (value < 0 || part.isBlank())
        {
            throw new IllegalArgumentException("bad range, want N or N..M" +
                (resource == Resource.MEMORY ? " (sizes such as 2GiB)" : "") + ": " + resource.key() + "=" + text);
        }
        return value;
    }

    /**
     * @param text {@code 500ms}, {@code 30s}, {@code 5m}, {@code 0s} or {@code never}.
     * @return milliseconds, {@link #NEVER} for never; below {@link #NEVER} otherwise.
     * @throws IllegalArgumentException {@code bad duration, want 500ms, 30s, 5m or never: grace=soon}.
     */
    static long duration(final String text)
    {
        if ("never".equals(text))
        {
            return NEVER;
        }
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,10})(ms|s|m)").matcher(text);
        if (m.matches())
        {
            final long n = Long.parseLong(m.group(1));
            final long ms = switch (m.group(2))
            {
                case "ms" -> n;
                case "s" -> n * 1000;
                default -> n * 60_000;
            };
            if (ms < NEVER)
            {
                return ms;
            }
            throw new IllegalArgumentException("duration too long, at most 4294967294ms: grace=" + text);
        }
        throw new IllegalArgumentException("bad duration, want 500ms, 30s, 5m or never: grace=" + text);
    }

    /** @return {@code 30s}, {@code 500ms}, {@code never}: a duration as {@link #duration} reads it. */
    static String durationText(final long ms)
    {
        if (ms == NEVER)
        {
            return "never";
        }
        if (ms % 60_000 == 0 && ms > 0)
        {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
