package dev.shadowdev.devfs.cli;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Sizes;

import java.util.HexFormat;

/** Small text helpers shared by the commands. */
final class Texts
{
    private Texts()
    {
    }

    /** @return {@code base,online} style flags of SD_IOC_INFO. */
    static String flags(final int flags)
    {
        final StringBuilder sb = new StringBuilder();
        append(sb, (flags & 1) != 0, "base");
        append(sb, (flags & 2) != 0, "shadow");
        append(sb, (flags & 4) != 0, "online");
        append(sb, (flags & 4) == 0, "offline");
        return sb.toString();
    }

    /** @return the core mask as a list of core numbers, {@code 0,1,5}. */
    static String cores(final long mask)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Long.SIZE; i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                sb.append(sb.length() == 0 ? "" : ",").append(i);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /**
     * @param attribute a resources line as the attribute files hold it, {@code cores=3 memory=7516192768 ...}
     *                  (machine-readable, in bytes).
     * @return the same line for a person: the memory in binary units, {@code memory=7GiB}; anything else as is.
     */
    static String binaryUnits(final String attribute)
    {
        final String key = Resource.MEMORY.key() + "=";
        final String[] words = attribute.split(" ", -1);
        for (int i = 0; i < words.length; i++)
        {
            if (words[i].startsWith(key))
            {
                final String value = words[i].substring(key.length());
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 19)
                {
                    words[i] = key + Sizes.format(Long.parseLong(value));
                }
            }
        }
        return String.join(" ", words);
    }

    static String hex(final byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }

    private static void append(final StringBuilder sb, final boolean on, final String word)
    {
        if (on)
        {
            sb.append(sb.length() == 0 ? "" : ",").append(word);
        }
    }
}
