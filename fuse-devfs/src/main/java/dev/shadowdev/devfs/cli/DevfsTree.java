package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.cdi.CdiDevice;
import dev.shadowdev.devfs.cdi.CdiSpecWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mounted devfs, as any program could with plain file operations:
 * <pre>
 * accel/accel&lt;minor&gt;            nodes (accel0 is the base node)
 * accel/cgroup                   the shared node: its open() picks the partition by the caller's cgroup (ABI.md 7)
 * by-name/&lt;name&gt;                -> ../accel/accel&lt;minor&gt;
 * class/accel/accel&lt;minor&gt;/     dev, partition, parent, resources, free, workloads, events; the shared node's
 *                                {@code partition} reads {@code cgroup}
 * cgroups                        every cgroup binding, {@code <path> <partition name> <partition id>} a line
 * </pre>
 */
public final class DevfsTree
{
    /** The shared node's file name in {@code accel/}, and what its {@code partition} attribute reads. */
    public static final String CGROUP_NODE = "cgroup";
    /** The minor of the shared node when no {@code class/accel} entry names it. */
    public static final int UNKNOWN_MINOR = -1;

    private static final Logger LOG = LoggerFactory.getLogger(DevfsTree.class);
    private static final Pattern NODE = Pattern.compile("accel(0|[1-9][0-9]{0,6})");

    private final Path mount;

    public DevfsTree(final Path mount)
    {
        this.mount = mount;
    }

    public Path mount()
    {
        return mount;
    }

    /** @return {@code <mount>/accel/accel<minor>}. */
    public Path node(final int minor)
    {
        return mount.resolve("accel").resolve("accel" + minor);
    }

    /** @return {@code <mount>/accel/cgroup}, the shared node, which may not exist. */
    public Path cgroupNode()
    {
        return mount.resolve("accel").resolve(CGROUP_NODE);
    }

    /**
     * @return the base node: the node whose {@code partition} attribute is -1, else {@code accel0}.
     * @throws IOException when {@code <mount>/accel} cannot be listed.
     */
    public Path baseNode() throws IOException
    {
        for (final TreeNode n : nodes())
        {
            if ("-1".equals(n.partition()))
            {
                return n.path();
            }
        }
        return node(0);
    }

    /**
     * @return every node in minor order, with what the by-name links and class attributes say about it; the
     *     shared node {@code accel/cgroup} among them when it exists (its minor from the {@code class/accel} entry
     *     whose {@code partition} reads {@code cgroup}, else {@link #UNKNOWN_MINOR}).
     * @throws IOException when {@code <mount>/accel} cannot be listed: {@code no devfs mounted here: dir=...}.
     */
    public List<TreeNode> nodes() throws IOException
    {
        final Map<Integer, String> names = new HashMap<>();
        for (final Map.Entry<String, Integer> e : links().entrySet())
        {
            names.putIfAbsent(e.getValue(), e.getKey());
        }
        final Map<Integer, Path> nodes = new TreeMap<>();
        final Path accel = mount.resolve("accel");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(accel))
        {
            for (final Path p : dir)
            {
                final Matcher m = NODE.matcher(p.getFileName().toString());
                if (m.matches())
                {
                    nodes.put(Integer.parseInt(m.group(1)), p);
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            throw new IOException("no devfs mounted here: dir=" + accel, ex);
        }
        if (Files.exists(cgroupNode()))
        {
            nodes.put(cgroupMinor(), cgroupNode());
        }
        final List<TreeNode> list = new ArrayList<>();
        for (final Map.Entry<Integer, Path> e : nodes.entrySet())
        {
            final int minor = e.getKey();
            final Path attrs = mount.resolve("class").resolve("accel").resolve("accel" + minor);
            list.add(new TreeNode(minor, e.getValue(), names.get(minor), attribute(attrs, "partition"),
                attribute(attrs, "dev"), attribute(attrs, "resources"), attribute(attrs, "free"),
                attribute(attrs, "workloads")));
        }
        return list;
    }

    /** @return the minor whose {@code class/accel/accel<minor>/partition} reads {@code cgroup}, else -1. */
    private int cgroupMinor() throws IOException
    {
        final Path classes = mount.resolve("class").resolve("accel");
        if (!Files.isDirectory(classes))
        {
            return UNKNOWN_MINOR;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(classes))
        {
            for (final Path p : dir)
            {
                final Matcher m = NODE.matcher(p.getFileName().toString());
                if (m.matches() && CGROUP_NODE.equals(attribute(p, "partition")))
                {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return UNKNOWN_MINOR;
    }

    /** @return the by-name links: partition name to minor, in name order. */
    public Map<String, Integer> links() throws IOException
    {
        final Map<String, Integer> links = new TreeMap<>();
        final Path byName = mount.resolve("by-name");
        if (!Files.isDirectory(byName))
        {
            return links;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(byName))
        {
            for (final Path link : dir)
            {
                if (Files.isSymbolicLink(link))
                {
                    final Matcher m = NODE.matcher(Files.readSymbolicLink(link).getFileName().toString());
                    if (m.matches())
                    {
                        links.put(link.getFileName().toString(), Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return links;
    }

    /**
     * @return one CDI device per by-name link: the partition's name and its node's absolute path; then, when the
     *     shared node exists, the device {@value CdiSpecWriter#CGROUP_DEVICE} for {@code accel/cgroup}.
     */
    public List<CdiDevice> cdiDevices() throws IOException
    {
        final List<CdiDevice> devices = new ArrayList<>();
        for (final Map.Entry<String, Integer> e : links().entrySet())
        {
            devices.add(new CdiDevice(e.getKey(), node(e.getValue()).toAbsolutePath()));
        }
        addCgroupDevice(devices);
        return devices;
    }

    /**
     * Add the device {@value CdiSpecWriter#CGROUP_DEVICE} for the shared node when it exists, unless a partition
     * has that name (its own device then keeps the name, and the shared node gets none: a warning says so).
     */
    public void addCgroupDevice(final List<CdiDevice> devices)
    {
        if (!Files.exists(cgroupNode()))
        {
            return;
        }
        if (devices.stream().anyMatch((d) -> d.name().equals(CdiSpecWriter.CGROUP_DEVICE)))
        {
            LOG.warn("cdi: a partition is named {}, so the shared node gets no CDI device: node={}",
                CdiSpecWriter.CGROUP_DEVICE, cgroupNode());
            return;
        }
        devices.add(new CdiDevice(CdiSpecWriter.CGROUP_DEVICE, cgroupNode().toAbsolutePath()));
    }

    /**
     * @param node a node path, {@code accel<minor>}, a minor, or a partition name ({@code cgroup}: the shared node
     *             unless a partition has that name).
     * @return the node file it names, which may not exist.
     */
    public Path resolve(final String node)
    {
        if (CGROUP_NODE.equals(node) && !Files.exists(mount.resolve("by-name").resolve(node), LinkOption.NOFOLLOW_LINKS))
        {
            return cgroupNode();
        }
        if (node.indexOf('/') >= 0)
        {
            return Path.of(node);
        }
        if (node.matches("[0-9]{1,7}"))
        {
            return node(Integer.parseInt(node));
        }
        if (NODE.matcher(node).matches())
        {
            return mount.resolve("accel").resolve(node);
        }
        return mount.resolve("by-name").resolve(node);
    }

    private static String attribute(final Path dir, final String name)
    {
        try
        {
            final String text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8).strip();
            final int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline).strip() + " ...";
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * One node of the tree; attributes are {@code null} when the tree does not have them.
     *
     * @param minor     from the file name ({@code accel/cgroup}: from its class entry, or {@link #UNKNOWN_MINOR}).
     * @param path      the node file.
     * @param name      the partition's name from its by-name link, {@code null} for the base node.
     * @param partition {@code class/.../partition}.
     * @param dev       {@code class/.../dev}, {@code major:minor}.
     * @param resources {@code class/.../resources}, first line.
     * @param free      {@code class/.../free}, first line.
     * @param workloads {@code class/.../workloads}, first line.
     */
    public record TreeNode(int minor, Path path, String name, String partition, String dev, String resources,
        String free, String workloads)
    {
        /** @return whether this is the shared node {@code accel/cgroup}. */
        public boolean isCgroupNode()
        {
            return path.getFileName().toString().equals(CGROUP_NODE);
        }
    }
}
