package dev.shadowdev.devfs.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Breaks a TOML partition config in one to three ways: lines deleted, duplicated, swapped or inserted (structural
 * and garbage lines, dotted keys), values replaced by wrong types and edge values, keys renamed, characters
 * injected (brackets, quotes, control characters, NUL, non-ASCII), the text truncated, deep nesting, very long
 * values, CRLF and a byte order mark.
 */
final class ConfigMutator
{
    /** Every key the config knows, with a capacity table instead of a profile. */
    static final String EVERY_KEY = String.join("\n",
        "# every key",
        "[device.capacity]",
        "cores = 16",
        "memory = \"32GiB\"",
        "bus_replicators = 32",
        "semaphores = 64",
        "dma_channels = 16",
        "",
        "[[partition]]",
        "name = \"alpha\"",
        "cores = 4",
        "memory = 8589934592",
        "bus_replicators = 8",
        "semaphores = 16",
        "dma_channels = 4",
        "mode = \"0640\"",
        "uid = 1000",
        "gid = 100",
        "node = true",
        "cgroups = [\"/machine.slice/alpha\", '/machine.slice/alpha/x y']",
        "",
        "[[partition]]",
        "name = 'beta.1'",
        "cores = 2",
        "memory = \"512MiB\"",
        "dma_channels = 2",
        "mode = 0o600",
        "node = false",
        "cgroups = [",
        "    \"/beta\",",
        "    \"/\",",
        "]",
        "");

    private static final String[] VALUES = {"", "-1", "0", "1", "3", "1e9", "1.5", "\"x\"", "'x'", "\"\"",
        "[1, 2]", "[]", "{a = 1}", "{}", "true", "false", "99999999999999999999999", "-9223372036854775808",
        "9223372036854775807", "\"8GiB\"", "\"-3MiB\"", "\"1EiB\"", "\"8 GiB\"", "\"0x10\"", "0x10", "0o777", "0b11",
        "nan", "inf", "-inf", "1979-05-27T07:32:00Z", "\"\"\"", "'''", "\"unterminated", "\"\\u0000\"",
        "\"\\uD800\"", "\"a\\qb\"", "\"0777\"", "\"0778\"", "\"infer-a\"", "\"bad name\"", "\"" + "n".repeat(40) + "\"",
        "# comment", "=", "[[partition]]"};
    private static final String[] LINES = {"[[partition]]", "[partition]", "[device]", "[device.capacity]",
        "[device.profile]", "[[device]]", "[partition.extra]", "[[partition.sub]]", "[", "[[", "]]", "[]", "[[]]",
        "= 3", "key =", "key", "name = \"extra\"", "cores = 1", "profile = \"aic100\"", "unknown = 1",
        "partition.0.cores = 1", "device.capacity.cores = 3", "a.b.c = 1", "\"quoted key\" = 1", "'lit' = 2",
        "x = \"\"\"", "y = '''", "z = [", "w = [1,", "v = {", "\t\t", "#", "\u0000", "\uFEFF", "😀 = 1",
        "name = \"dup\"\nname = \"dup\"", "[device]\n[device]", "mode = \"0660\"", "uid = -1", "gid = 4294967295",
        "node = false", "cgroups = [\"/a\", \"/a\"]", "cgroups = [\"a/b\", \"/c/../d\"]", "cgroups = [\"/\"]"};
    private static final String[] CHARS = {"[", "]", "\"", "'", "=", "#", "\n", "\r", "\t", "\\", ",", "{", "}",
        ".", " ", "\u0000", "\u0001", "\u001b", "\u007f", "é", "\u2028", "\uFEFF", "😀", "\uFFFD", "0", "-"};

    private final SplittableRandom random;
    private final List<String> applied = new ArrayList<>();

    ConfigMutator(final SplittableRandom random)
    {
        this.random = random;
    }

    /** @return the mutations applied to the last text, by name. */
    List<String> applied()
    {
        return applied;
    }

    String mutate(final String base)
    {
        applied.clear();
        String text = base;
        for (int n = 1 + random.nextInt(3); n > 0; n--)
        {
            text = once(text);
        }
        return text;
    }

    private String once(final String text)
    {
        final List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        final int at = random.nextInt(lines.size());
        switch (random.nextInt(13))
        {
            case 0:
                applied.add("delete line " + (at + 1));
                lines.remove(at);
                break;
            case 1:
                applied.add("duplicate line " + (at + 1));
                lines.add(at, lines.get(at));
                break;
            case 2:
            {
                final int other = random.nextInt(lines.size());
                applied.add("swap lines " + (at + 1) + "," + (other + 1));
                final String line = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, line);
                break;
            }
            case 3:
            case 4:
            {
                final int line = lineWith(lines, "=", at);
                final String value = VALUES[random.nextInt(VALUES.length)];
                applied.add("value of line " + (line + 1) + " := " + value);
                final String row = lines.get(line);
                final int eq = row.indexOf('=');
                lines.set(line, (eq < 0 ? row : row.substring(0, eq + 1)) + " " + value);
                break;
            }
            case 5:
            {
                final int line = lineWith(lines, "=", at);
                final String row = lines.get(line);
                final int eq = Math.max(0, row.indexOf('='));
                final String key = new String[]{"name", "cores", "memory", "dma_channels", "mode", "nme", "Cores",
                    "cores ", "\"cores\"", "cores.x", "", "profile", "capacity"}[random.nextInt(13)];
                applied.add("key of line " + (line + 1) + " := " + key);
                lines.set(line, key + " " + row.substring(eq));
                break;
            }
            case 6:
            case 7:
            {
                final String line = LINES[random.nextInt(LINES.length)];
                applied.add("insert at line " + (at + 1) + ": " + line);
                lines.add(at, line);
                break;
            }
            case 8:
            {
                final int cut = random.nextInt(text.length() + 1);
                applied.add("truncate at char " + cut);
                return text.substring(0, cut);
            }
            case 9:
            {
                final StringBuilder sb = new StringBuilder(text);
                for (int n = 1 + random.nextInt(4); n > 0; n--)
                {
                    final String c = CHARS[random.nextInt(CHARS.length)];
                    final int pos = random.nextInt(sb.length() + 1);
                    applied.add("insert " + escape(c) + " at char " + pos);
                    sb.insert(pos, c);
                }
                return sb.toString();
            }
            case 10:
            {
                final int depth = 1 + random.nextInt(random.nextBoolean() ? 64 : 20_000);
                final boolean arrays = random.nextBoolean();
                applied.add("nesting depth=" + depth + (arrays ? " arrays" : " inline tables"));
                lines.add(at, "deep = " + (arrays ? "[".repeat(depth) + "]".repeat(depth) :
                    "{a = ".repeat(depth) + "1" + "}".repeat(depth)));
                break;
            }
            case 11:
            {
                final int length = 1 + random.nextInt(200_000);
                final boolean number = random.nextBoolean();
                applied.add("long " + (number ? "number" : "string") + " length=" + length + " at line " + (at + 1));
                lines.add(at, number ? "cores = " + "9".repeat(length) : "name = \"" + "x".repeat(length) + "\"");
                break;
            }
            default:
            {
                final int kind = random.nextInt(3);
                applied.add(kind == 0 ? "CRLF" : kind == 1 ? "byte order mark" : "tabs for spaces");
                if (kind == 0)
                {
                    return text.replace("\n", "\r\n");
                }
                return kind == 1 ? "\uFEFF" + text : text.replace(" ", "\t");
            }
        }
        return String.join("\n", lines);
    }

    private int lineWith(final List<String> lines, final String token, final int from)
    {
        for (int k = 0; k < lines.size(); k++)
        {
            final int i = (from + k) % lines.size();
            if (lines.get(i).contains(token))
            {
                return i;
            }
        }
        return from;
    }

    /** @return the bytes with one byte that cannot start or continue UTF-8 put in at a random place. */
    static byte[] invalidUtf8(final SplittableRandom random, final byte[] bytes)
    {
        final byte[] out = new byte[bytes.length + 1];
        final int at = random.nextInt(bytes.length + 1);
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = (byte)(random.nextBoolean() ? 0xFF : 0xC0);
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        return out;
    }

    /** @return the first 40 lines of a text, each cut to 160 characters, control characters escaped. */
    static String excerpt(final String text)
    {
        final StringBuilder sb = new StringBuilder();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < Math.min(40, lines.length); i++)
        {
            final String line = lines[i].length() > 160 ? lines[i].substring(0, 160) + "..." : lines[i];
            sb.append(i + 1).append(": ").append(escape(line)).append('\n');
        }
        return sb.toString();
    }

    private static String escape(final String s)
    {
        final StringBuilder sb = new StringBuilder();
        for (final char c : s.toCharArray())
        {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int)c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
