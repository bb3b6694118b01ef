package dev.shadowdev.devfs.fs;

/**
 * A path of the devfs, parsed once per callback into what it names. The tree:
 * <pre>
 * /                                 directory
 * /accel                            directory
 * /accel/accel&lt;minor&gt;              a node: base or shadow
 * /accel/cgroup                     the shared cgroup node (ABI.md 7)
 * /by-name                          directory
 * /by-name/&lt;name&gt;                  symlink -&gt; ../accel/accel&lt;minor&gt;
 * /class, /class/accel              directories
 * /class/accel/accel&lt;minor&gt;        directory of attribute files
 * /class/accel/accel&lt;minor&gt;/&lt;attr&gt; dev, partition, parent, resources, free, workloads, events
 * /metrics                          Prometheus text
 * /cgroups                          the cgroup bindings, one a line: &lt;path&gt; &lt;partition name&gt; &lt;partition id&gt;
 * </pre>
 *
 * @param kind  what the path names, {@link Kind#NONE} when it names nothing the devfs has.
 * @param minor the node's minor for node, class-node and attribute paths, else -1 (the cgroup node's minor is the
 *              table's to say).
 * @param name  the partition name for by-name links, the attribute name for attribute files, else null.
 */
record DevfsPath(Kind kind, int minor, String name)
{
    enum Kind
    {
        NONE, ROOT, ACCEL_DIR, NODE, CGROUP_NODE, BY_NAME_DIR, BY_NAME_LINK, CLASS_DIR, CLASS_ACCEL_DIR, CLASS_NODE_DIR,
        ATTRIBUTE, METRICS, CGROUPS
    }

    static final String NODE_PREFIX = "accel";
    /** The shared cgroup node's file name in {@code accel/}. */
    static final String CGROUP_NODE_NAME = "cgroup";

    private static final DevfsPath NONE = new DevfsPath(Kind.NONE, -1, null);

    static DevfsPath parse(final String path)
    {
        switch (path)
        {
            case "/":
                return new DevfsPath(Kind.ROOT, -1, null);
            case "/accel":
                return new DevfsPath(Kind.ACCEL_DIR, -1, null);
            case "/by-name":
                return new DevfsPath(Kind.BY_NAME_DIR, -1, null);
            case "/class":
                return new DevfsPath(Kind.CLASS_DIR, -1, null);
            case "/class/accel":
                return new DevfsPath(Kind.CLASS_ACCEL_DIR, -1, null);
            case "/metrics":
                return new DevfsPath(Kind.METRICS, -1, null);
            case "/cgroups":
                return new DevfsPath(Kind.CGROUPS, -1, null);
            case "/accel/" + CGROUP_NODE_NAME:
                return new DevfsPath(Kind.CGROUP_NODE, -1, null);
            default:
                break;
        }
        if (path.startsWith("/accel/"))
        {
            final int minor = minorOf(path, "/accel/".length(), path.length());
            return minor < 0 ? NONE : new DevfsPath(Kind.NODE, minor, null);
        }
        if (path.startsWith("/by-name/"))
        {
            final String name = path.substring("/by-name/".length());
            return name.isEmpty() || name.indexOf('/') >= 0 ? NONE : new DevfsPath(Kind.BY_NAME_LINK, -1, name);
        }
        if (path.startsWith("/class/accel/"))
        {
            final int start = "/class/accel/".length();
            final int slash = path.indexOf('/', start);
            final int minor = minorOf(path, start, slash < 0 ? path.length() : slash);
            if (minor < 0)
            {
                return NONE;
            }
            if (slash < 0)
            {
                return new DevfsPath(Kind.CLASS_NODE_DIR, minor, null);
            }
            final String attr = path.substring(slash + 1);
            return AttributeFiles.isAttribute(attr) ? new DevfsPath(Kind.ATTRIBUTE, minor, attr) : NONE;
        }
        return NONE;
    }

    /** @return the minor in {@code accel<minor>} between start and end, or -1 when it is not one. */
    private static int minorOf(final String path, final int start, final int end)
    {
        final int digits = start + NODE_PREFIX.length();
        if (!path.startsWith(NODE_PREFIX, start) || digits >= end || end - digits > 7)
        {
            return -1;
        }
        if (path.charAt(digits) == '0' && end - digits > 1)
        {
            return -1;
        }
        int minor = 0;
        for (int i = digits; i < end; i++)
        {
            final char c = path.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            minor = minor * 10 + (c - '0');
        }
        return minor;
    }

    static String nodeName(final int minor)
    {
        return NODE_PREFIX + minor;
    }
}
