package dev.shadowdev.devfs.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.io.AtomicFiles;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.driver.cgroup.CgroupPathException;
import dev.shadowdev.driver.cgroup.CgroupPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and saves the {@link DaemonState} as JSON, atomically (temp file, fsync, rename, fsync of the directory):
 * <pre>{@code
 * {
 *   "version" : 1,
 *   "partitions" : [ {
 *     "name" : "infer-a",
 *     "partition_id" : 3,
 *     "minor" : 1,
 *     "mode" : "0660",
 *     "uid" : 0,
 *     "gid" : 0,
 *     "resources" : [ 3, 7516192768, 7, 14, 3 ],
 *     "cgroups" : [ "/machine.slice/tenant-a" ]
 *   } ]
 * }
 * }</pre>
 * An elastic partition (ABI.md 6) adds {@code "max" : [ ... ]} (its limit) and {@code "lend" : true|false};
 * {@code resources} is then its reservation ({@code min}). Both are left out for a fixed partition, so a file
 * written before elastic partitions reads the same: {@code max = resources}, {@code lend = false}.
 * {@code mode}, {@code uid} and {@code gid} are all {@code null} while a node's attributes have not been set yet.
 * {@code minor} is {@code null} (and the three as well) for a partition without a shadow node. {@code cgroups}
 * lists the bound cgroup paths and is left out when there are none, so a file written before bindings existed
 * reads the same. {@code "drained" : true} marks a partition cordoned by {@code shadowdev drain} and is left out
 * otherwise.
 * A missing file is an empty state; a damaged one is an error naming the file and the field, never silently empty.
 */
public final class StateStore
{
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODE = Pattern.compile("0[0-7]{3}");

    private final Path file;

    /** @param file where the state lives, e.g. {@code /var/lib/shadowdev/state.json}. */
    public StateStore(final Path file)
    {
        this.file = file;
    }

    public Path file()
    {
        return file;
    }

    /**
     * @return the saved state, {@link DaemonState#EMPTY} when there is no file yet.
     * @throws IOException when the file cannot be read; a {@link DamagedStateException} when it is damaged:
     *     {@code file: bad state: key: what}.
     */
    public DaemonState load() throws IOException
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            return DaemonState.EMPTY;
        }
        final JsonNode root;
        try
        {
            root = JSON.readTree(bytes);
        }
        catch (final JsonProcessingException ex)
        {
            throw new DamagedStateException(file, "not JSON: " + ex.getOriginalMessage(), ex);
        }
        return parse(root);
    }

    /**
     * @param state saved atomically; the directory is created when missing.
     * @throws IOException when it cannot be written; the previous file is then unchanged.
     */
    public void save(final DaemonState state) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, render(state).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the JSON text {@link #save} writes. */
    public static String render(final DaemonState state)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        final ArrayNode list = root.putArray("partitions");
        for (final PartitionRecord r : state.partitions())
        {
            final ObjectNode entry = list.addObject();
            entry.put("name", r.name());
            entry.put("partition_id", r.partitionId());
            if (r.hasNode())
            {
                entry.put("minor", r.minor());
            }
            else
            {
                entry.putNull("minor");
            }
            if (r.node() != null)
            {
                entry.put("mode", r.node().octal());
                entry.put("uid", r.node().uid());
                entry.put("gid", r.node().gid());
            }
            else
            {
                entry.putNull("mode");
                entry.putNull("uid");
                entry.putNull("gid");
            }
            final ArrayNode resources = entry.putArray("resources");
            for (int i = 0; i < Resource.COUNT; i++)
            {
                resources.add(r.min().get(i));
            }
            if (r.elastic())
            {
                final ArrayNode max = entry.putArray("max");
                for (int i = 0; i < Resource.COUNT; i++)
                {
                    max.add(r.max().get(i));
                }
                entry.put("lend", r.lend());
            }
            if (!r.cgroups().isEmpty())
            {
                final ArrayNode cgroups = entry.putArray("cgroups");
                r.cgroups().forEach(cgroups::add);
            }
            if (r.drained())
            {
                entry.put("drained", true);
            }
        }
        try
        {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("state: cannot render: " + ex.getOriginalMessage(), ex);
        }
    }

    private DaemonState parse(final JsonNode root) throws IOException
    {
        if (!root.isObject())
        {
            throw bad("(root)", "must be an object");
        }
        final JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION)
        {
            throw bad("version", "unsupported: version=" + version);
        }
        final JsonNode list = root.get("partitions");
        if (list == null || !list.isArray())
        {
            throw bad("partitions", "must be an array");
        }
        final List<PartitionRecord> records = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        final Set<Integer> minors = new HashSet<>();
        final Set<String> paths = new HashSet<>();
        for (int i = 0; i < list.size(); i++)
        {
            final String at = "partitions[" + i + "].";
            final JsonNode e = list.get(i);
            final String name = text(e, at, "name");
            final int id = (int)number(e, at, "partition_id", Integer.MIN_VALUE, Integer.MAX_VALUE);
            final boolean hasNode = !e.path("minor").isNull();
            final int minor = hasNode ? (int)number(e, at, "minor", 0, (1 << 20) - 1) : PartitionRecord.NO_MINOR;
            final NodeMode node = node(e, at);
            if (!hasNode && node != null)
            {
                throw bad(at + "mode", "must be null without a node (minor null): mode=" + e.get("mode"));
            }
            final Resources min = amounts(e.get("resources"), at + "resources");
            final Resources max = e.get("max") == null ? min : amounts(e.get("max"), at + "max");
            final Resource over = min.firstExceeding(max);
            if (over != null)
            {
                throw bad(at + "max", "below resources: " + over.key() + " resources=" + min.get(over) + " max=" +
                    max.get(over));
            }
            final JsonNode lendNode = e.get("lend");
            if (lendNode != null && !lendNode.isBoolean())
            {
                throw bad(at + "lend", "must be true or false: lend=" + lendNode);
            }
            final boolean lend = lendNode != null && lendNode.booleanValue();
            if (!names.add(name))
            {
                throw bad(at + "name", "duplicate: name=" + name);
            }
            if (hasNode && !minors.add(minor))
            {
                throw bad(at + "minor", "duplicate: minor=" + minor);
            }
            final List<String> cgroups = cgroups(e, at, paths);
            final JsonNode drainedNode = e.get("drained");
            if (drainedNode != null && !drainedNode.isBoolean())
            {
                throw bad(at + "drained", "must be true or false: drained=" + drainedNode);
            }
            final boolean drained = drainedNode != null && drainedNode.booleanValue();
            records.add(new PartitionRecord(name, id, minor, node, min, max, lend, cgroups, drained));
        }
        return new DaemonState(records);
    }

    /** @return five amounts >= 0 ({@code resources}, {@code max}). */
    private Resources amounts(final JsonNode res, final String key) throws IOException
    {
        if (res == null || !res.isArray() || res.size() != Resource.COUNT)
        {
            throw bad(key, "must be an array of " + Resource.COUNT + " amounts");
        }
        final long[] amounts = new long[Resource.COUNT];
        for (int k = 0; k < Resource.COUNT; k++)
        {
            final JsonNode v = res.get(k);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0)
            {
                throw bad(key + "[" + k + "]", "must be an amount >= 0: " + v);
            }
            amounts[k] = v.longValue();
        }
        return Resources.of(amounts);
    }

    /** @return the bound cgroup paths: none when the key is absent (a file from before bindings). */
    private List<String> cgroups(final JsonNode e, final String at, final Set<String> seen) throws IOException
    {
        final JsonNode list = e.get("cgroups");
        if (list == null)
        {
            return List.of();
        }
        if (!list.isArray())
        {
            throw bad(at + "cgroups", "must be an array of cgroup paths: cgroups=" + list);
        }
        final List<String> paths = new ArrayList<>();
        for (int k = 0; k < list.size(); k++)
        {
            final String key = at + "cgroups[" + k + "]";
            final JsonNode v = list.get(k);
            if (!v.isTextual())
            {
                throw bad(key, "must be a string: cgroup=" + v);
            }
            try
            {
                CgroupPaths.check(v.textValue());
            }
            catch (final CgroupPathException ex)
            {
                throw bad(key, ex.getMessage());
            }
            if (!seen.add(v.textValue()))
            {
                throw bad(key, "duplicate: path=" + v.textValue());
            }
            paths.add(v.textValue());
        }
        return paths;
    }

    /** @return the node's mode and owner, {@code null} when all three are JSON null (not set yet). */
    private NodeMode node(final JsonNode e, final String at) throws IOException
    {
        final JsonNode modeNode = e.get("mode");
        if (modeNode != null && modeNode.isNull() && e.path("uid").isNull() && e.path("gid").isNull())
        {
            return null;
        }
        final String mode = text(e, at, "mode");
        if (!MODE.matcher(mode).matches())
        {
            throw bad(at + "mode", "must be an octal mode \"0000\" to \"0777\": mode=\"" + mode + "\"");
        }
        final long uid = number(e, at, "uid", 0, 0xFFFF_FFFEL);
        final long gid = number(e, at, "gid", 0, 0xFFFF_FFFEL);
        return new NodeMode(Integer.parseInt(mode, 8), uid, gid);
    }

    private String text(final JsonNode e, final String at, final String key) throws IOException
    {
        final JsonNode v = e.get(key);
        if (v == null || !v.isTextual())
        {
            throw bad(at + key, "must be a string: " + key + "=" + v);
        }
        return v.textValue();
    }

    private long number(final JsonNode e, final String at, final String key, final long min, final long max)
        throws IOException
    {
        final JsonNode v = e.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max)
        {
            throw bad(at + key, "must be an integer " + min + " to " + max + ": " + key + "=" + v);
        }
        return v.longValue();
    }

    private IOException bad(final String key, final String what)
    {
        return new DamagedStateException(file, key + ": " + what, null);
    }
}
