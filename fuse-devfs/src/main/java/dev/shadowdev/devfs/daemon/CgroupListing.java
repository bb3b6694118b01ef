package dev.shadowdev.devfs.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code <mount>/cgroups} (ABI.md 7): every cgroup binding, one a line, {@code <path> <partition name>
 * <partition id>}. A path may hold spaces (a name and an ID cannot), so a line is split at its last two spaces.
 */
public final class CgroupListing
{
    /** The listing's file name under the mount point. */
    public static final String FILE = "cgroups";

    private CgroupListing()
    {
    }

    /**
     * @param mount the devfs mount point.
     * @return the bindings in file order; none when the tree has no listing (a devfs without cgroup bindings).
     * @throws IOException when the file cannot be read or a line is not {@code <path> <name> <id>}.
     */
    public static List<CgroupBinding> read(final Path mount) throws IOException
    {
        final Path file = mount.resolve(FILE);
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        return parse(file.toString(), text);
    }

    /**
     * @param source names the text in errors.
     * @param text   the listing.
     * @return the bindings in text order.
     * @throws IOException for a line that is not {@code <path> <name> <id>}: {@code bad cgroups listing: ...}.
     */
    public static List<CgroupBinding> parse(final String source, final String text) throws IOException
    {
        final List<CgroupBinding> bindings = new ArrayList<>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i];
            if (line.isEmpty())
            {
                continue;
            }
            final int idAt = line.lastIndexOf(' ');
            final int nameAt = idAt > 0 ? line.lastIndexOf(' ', idAt - 1) : -1;
            if (nameAt <= 0 || nameAt + 1 == idAt || line.charAt(0) != '/')
            {
                throw bad(source, i + 1, line);
            }
            final int id;
            try
            {
                id = Integer.parseInt(line.substring(idAt + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw bad(source, i + 1, line);
            }
            bindings.add(new CgroupBinding(line.substring(0, nameAt), line.substring(nameAt + 1, idAt), id));
        }
        return bindings;
    }

    private static IOException bad(final String source, final int line, final String text)
    {
        return new IOException("bad cgroups listing, want <path> <name> <id>: file=" + source + " line=" + line +
            " text=" + text);
    }
}
