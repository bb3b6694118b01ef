package dev.shadowdev.devfs.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a TOML document is, by line, so that a config error can name its line. The TOML parser turns
 * the text into a tree without positions; this scan of the same text records the line of every table header
 * ({@code [device]}, {@code [[partition]]} as {@code partition[i]}) and every {@code key = value} under it (as
 * {@code device.profile}, {@code partition[1].cores}). It understands what a config needs (comments, quoted and
 * dotted keys, multi-line strings and arrays are skipped over); a key it cannot place is simply not found. The
 * string elements of an array value are placed too, as {@code partition[0].cgroups[2]}, on the line each starts.
 */
final class TomlKeyLines
{
    private final Map<String, Integer> lines = new HashMap<>();
    private final java.util.Set<String> keys = new java.util.HashSet<>();
    private int duplicateLine;
    private int deepestLine;
    private int longestLine;
    private final int lastLine;
    private String arrayPath;
    private int arrayIndex;

    TomlKeyLines(final String text)
    {
        final Map<String, Integer> arrayCounts = new HashMap<>();
        String table = "";
        int depth = 0;
        boolean inMultiLineString = false;
        final String[] rows = text.split("\r?\n", -1);
        lastLine = Math.max(1, text.endsWith("\n") ? rows.length - 1 : rows.length);
        int maxDepth = 0;
        int maxLength = -1;
        for (int i = 0; i < rows.length; i++)
        {
            final int lineNumber = i + 1;
            final String row = rows[i].strip();
            if (row.length() > maxLength)
            {
                maxLength = row.length();
                longestLine = lineNumber;
            }
            final int rowDepth = depth + maxBrackets(row);
            if (rowDepth > maxDepth)
            {
                maxDepth = rowDepth;
                deepestLine = lineNumber;
            }
            if (inMultiLineString)
            {
                inMultiLineString = count(row, "\"\"\"") % 2 == 0 && count(row, "'''") % 2 == 0;
                continue;
            }
            if (depth > 0)
            {
                if (arrayPath != null)
                {
                    arrayElements(row, depth, lineNumber);
                }
                depth = Math.max(0, depth + brackets(row));
                continue;
            }
            if (row.isEmpty() || row.startsWith("#"))
            {
                continue;
            }
            if (row.startsWith("[["))
            {
                final int end = row.indexOf("]]");
                if (end > 2)
                {
                    final String name = unquote(row.substring(2, end));
                    final int index = arrayCounts.merge(name, 1, Integer::sum) - 1;
                    table = name + "[" + index + "]";
                    record(table, lineNumber);
                }
                continue;
            }
            if (row.startsWith("["))
            {
                final int end = row.indexOf(']');
                if (end > 1)
                {
                    table = qualify(unquote(row.substring(1, end)), arrayCounts);
                    record(table, lineNumber);
                }
                continue;
            }
            final int equals = row.indexOf('=');
            if (equals > 0)
            {
                final String key = unquote(row.substring(0, equals));
                final String path = table.isEmpty() ? key : table + "." + key;
                if (!keys.add(path) && duplicateLine == 0)
                {
                    duplicateLine = lineNumber;
                }
                record(path, lineNumber);
                final String value = row.substring(equals + 1);
                inMultiLineString = count(value, "\"\"\"") % 2 == 1 || count(value, "'''") % 2 == 1;
                arrayPath = null;
                if (!inMultiLineString && value.strip().startsWith("["))
                {
                    arrayPath = path;
                    arrayIndex = 0;
                    arrayElements(value, 0, lineNumber);
                }
                depth = Math.max(0, brackets(value));
            }
        }
    }

    /**
     * @param path a key path such as {@code partition[1].cores}.
     * @return the line of the key, else of the closest enclosing table or array element, else 0.
     */
    int lineOf(final String path)
    {
        String p = path;
        while (!p.isEmpty())
        {
            final Integer line = lines.get(p);
            if (line != null)
            {
                return line;
            }
            final int dot = p.lastIndexOf('.');
            final int bracket = p.lastIndexOf('[');
            final int cut = Math.max(dot, bracket);
            if (cut <= 0)
            {
                break;
            }
            p = p.substring(0, cut);
        }
        return 0;
    }

    /** @return the line of the first key given twice in one table, or 0. */
    int duplicateLine()
    {
        return duplicateLine;
    }

    /** @return the first line where brackets nest deepest, or 0 (for a parser error without a position). */
    int deepestLine()
    {
        return deepestLine;
    }

    /** @return the longest line, or 0 (for a parser error without a position, e.g. a value too long). */
    int longestLine()
    {
        return longestLine;
    }

    /** @return the number of the text's last line as an editor shows it (a final newline starts no line). */
    int lastLine()
    {
        return lastLine;
    }

    /**
     * @param text   the text these lines were read from.
     * @param offset a character offset in it.
     * @return the line of that character, counted by LF as editors count (not by U+2028 or U+0085), at most
     *     {@link #lastLine()}.
     */
    int lineAt(final String text, final int offset)
    {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++)
        {
            if (text.charAt(i) == '\n')
            {
                line++;
            }
        }
        return Math.min(line, lastLine);
    }

    /**
     * Record a path and each enclosing table it creates ({@code a.b.c} also names {@code a} and {@code a.b};
     * {@code device[0]} also names {@code device}), each at the first line that mentions it.
     */
    private void record(final String path, final int lineNumber)
    {
        for (int i = 0; i < path.length(); i++)
        {
            final char c = path.charAt(i);
            if ((c == '.' || c == '[') && i > 0)
            {
                lines.putIfAbsent(path.substring(0, i), lineNumber);
            }
        }
        lines.putIfAbsent(path, lineNumber);
    }

    /**
     * Record the line of each string that starts an element of the array {@link #arrayPath}: a string opened at
     * nesting depth 1.
     *
     * @param depth the nesting depth at the start of {@code text}.
     */
    private void arrayElements(final String text, final int depth, final int lineNumber)
    {
        int d = depth;
        char quote = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quote != 0)
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = 0;
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
                if (d == 1)
                {
                    record(arrayPath + "[" + arrayIndex++ + "]", lineNumber);
                }
            }
            else if (c == '#')
            {
                break;
            }
            else if (c == '[')
            {
                d++;
            }
            else if (c == ']')
            {
                d--;
            }
        }
    }

    /** @return the deepest nesting of brackets and braces inside {@code text} (before any string or comment). */
    private static int maxBrackets(final String text)
    {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '#')
            {
                break;
            }
            if (c == '[' || c == '{')
            {
                max = Math.max(max, ++depth);
            }
            else if (c == ']' || c == '}')
            {
                depth--;
            }
        }
        return max;
    }

    /** A sub-table of an array element, {@code [partition.extra]}, belongs to the latest element. */
    private static String qualify(final String name, final Map<String, Integer> arrayCounts)
    {
        final int dot = name.indexOf('.');
        final String head = dot < 0 ? name : name.substring(0, dot);
        final Integer count = arrayCounts.get(head);
        if (count == null)
        {
            return name;
        }
        return head + "[" + (count - 1) + "]" + (dot < 0 ? "" : name.substring(dot));
    }

    private static String unquote(final String key)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String part : key.strip().split("\\.", -1))
        {
            String p = part.strip();
            if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'")))
            {
                p = p.substring(1, p.length() - 1);
            }
            sb.append(sb.length() == 0 ? "" : ".").append(p);
        }
        return sb.toString();
    }

    /** @return opened minus closed square brackets outside strings and comments. */
    private static int brackets(final String text)
    {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quote != 0)
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = 0;
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                break;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
        }
        return depth;
    }

    private static int count(final String text, final String token)
    {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length()))
        {
            n++;
        }
        return n;
    }
}
