package dev.shadowdev.bench.elastic;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The elastic client's options, {@code --name value} pairs: {@code --mount} (a {@code shadowdev up} mount) and
 * partition names, whose nodes are {@code <mount>/by-name/<name>}; {@code base} is {@code <mount>/accel/accel0}.
 */
final class ElasticArgs
{
    private final Map<String, String> options;

    private ElasticArgs(final Map<String, String> options)
    {
        this.options = options;
    }

    static ElasticArgs parse(final String[] args)
    {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2)
        {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
            {
                throw new IllegalArgumentException("bad arguments, want --name value pairs: args=" +
                    Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return new ElasticArgs(options);
    }

    String name(final String key)
    {
        final String v = options.get(key);
        if (v == null || v.isEmpty())
        {
            throw new IllegalArgumentException("missing option: --" + key);
        }
        return v;
    }

    List<String> names(final String key)
    {
        return List.of(name(key).split(","));
    }

    int integer(final String key)
    {
        final String v = name(key);
        try
        {
            return Integer.parseInt(v);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad number: " + key + "=" + v, ex);
        }
    }

    /** @return {@code base}: the base node; anything else: the node of the partition the option names. */
    Path node(final String key)
    {
        final Path mount = Path.of(name("mount"));
        return "base".equals(key) ? mount.resolve("accel/accel0") : nodeOf(name(key));
    }

    Path nodeOf(final String partition)
    {
        return Path.of(name("mount")).resolve("by-name").resolve(partition);
    }
}
