package dev.shadowdev.devfs.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.devfs.resource.Sizes;
import dev.shadowdev.driver.cgroup.CgroupPathException;
import dev.shadowdev.driver.cgroup.CgroupPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a parsed TOML tree into a {@link DevfsConfig}, collecting every problem with its line. */
final class ConfigBinder
{
    private static final Logger LOG = LoggerFactory.getLogger(ConfigBinder.class);

    static final int MAX_NAME_BYTES = 31;
    static final long MAX_ID = 0xFFFF_FFFEL;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    private static final Set<String> TOP_KEYS = Set.of("device", "partition");
    private static final Set<String> DEVICE_KEYS = Set.of("profile", "capacity");
    private static final Set<String> CAPACITY_KEYS = Set.of(
        "cores", "memory", "bus_replicators", "semaphores", "dma_channels");
    private static final Set<String> PARTITION_KEYS = Set.of(
        "name", "cores", "memory", "bus_replicators", "semaphores", "dma_channels", "mode", "uid", "gid", "node",
        "cgroups", "lend");
    private static final Set<String> RANGE_KEYS = Set.of("min", "max");

    private final String source;
    private final TomlKeyLines lines;
    private final List<String> problems = new ArrayList<>();

    ConfigBinder(final String source, final TomlKeyLines lines)
    {
        this.source = source;
        this.lines = lines;
    }

    DevfsConfig bind(final JsonNode root) throws ConfigException
    {
        unknownKeys(root, "", TOP_KEYS);
        String profile = DeviceProfiles.AIC100;
        Resources capacity = DeviceProfiles.capacity(DeviceProfiles.AIC100);
        final JsonNode device = root.get("device");
        if (device != null)
        {
            if (!device.isObject())
            {
                problem("device", "must be a table: device=" + device);
            }
            else
            {
                unknownKeys(device, "device.", DEVICE_KEYS);
                final JsonNode profileNode = device.get("profile");
                final JsonNode capacityNode = device.get("capacity");
                if (profileNode != null && capacityNode != null)
                {
                    problem("device", "give profile or capacity, not both");
                }
                else if (profileNode != null)
                {
                    profile = profileNode.isTextual() ? profileNode.textValue() : null;
                    capacity = profile == null ? null : DeviceProfiles.capacity(profile);
                    if (capacity == null)
                    {
                        problem("device.profile", "unknown profile (known: " + DeviceProfiles.names() + "): profile=" +
                            profileNode);
                    }
                }
                else if (capacityNode != null)
                {
                    profile = "custom";
                    capacity = capacity(capacityNode);
                }
            }
        }

        final List<PartitionSpec> partitions = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        final JsonNode partitionNode = root.get("partition");
        if (partitionNode != null)
        {
            if (!partitionNode.isArray())
            {
                problem("partition", "must be an array of tables ([[partition]])");
            }
            else
            {
                final Map<String, String> firstByName = new HashMap<>();
                final Map<String, String> firstByCgroup = new HashMap<>();
                for (int i = 0; i < partitionNode.size(); i++)
                {
                    final String path = "partition[" + i + "]";
                    final PartitionSpec spec = partition(partitionNode.get(i), path, firstByName, firstByCgroup);
                    if (spec != null)
                    {
                        partitions.add(spec);
                        paths.add(path);
                    }
                }
            }
        }
        if (capacity != null && problems.isEmpty())
        {
            checkSum(capacity, partitions, paths);
        }
        if (!problems.isEmpty())
        {
            throw new ConfigException(problems);
        }
        return new DevfsConfig(source, profile, capacity, partitions);
    }

    private Resources capacity(final JsonNode node)
    {
        if (!node.isObject())
        {
            problem("device.capacity", "must be a table: capacity=" + node);
            return null;
        }
        unknownKeys(node, "device.capacity.", CAPACITY_KEYS);
        final long[] values = new long[Resource.COUNT];
        boolean ok = true;
        for (final Resource r : Resource.values())
        {
            final long min = r == Resource.BUS_REPLICATORS || r == Resource.SEMAPHORES ? 0 : 1;
            values[r.ordinal()] = amount(node, "device.capacity.", r, min, true);
            if (r.identified() && values[r.ordinal()] > DeviceProfiles.MAX_IDENTIFIED_UNITS)
            {
                problem("device.capacity." + r.key(), "must be <= " + DeviceProfiles.MAX_IDENTIFIED_UNITS + ": " +
                    r.key() + "=" + values[r.ordinal()]);
                values[r.ordinal()] = -1;
            }
            ok &= values[r.ordinal()] >= 0;
        }
        return ok ? Resources.of(values) : null;
    }

    private PartitionSpec partition(final JsonNode node, final String path, final Map<String, String> firstByName,
        final Map<String, String> firstByCgroup)
    {
        if (!node.isObject())
        {
            problem(path, "must be a table ([[partition]]): " + path + "=" + node);
            return null;
        }
        final int before = problems.size();
        unknownKeys(node, path + ".", PARTITION_KEYS);
        final String name = name(node, path, firstByName);
        final long[] min = new long[Resource.COUNT];
        final long[] max = new long[Resource.COUNT];
        for (final Resource r : Resource.values())
        {
            final long[] range = range(node, path + ".", r);
            min[r.ordinal()] = range[0];
            max[r.ordinal()] = range[1];
        }
        final boolean lend = flag(node.get("lend"), path + ".lend", "lend", false);
        final int mode = mode(node.get("mode"), path + ".mode");
        final long uid = id(node.get("uid"), path + ".uid", "uid");
        final long gid = id(node.get("gid"), path + ".gid", "gid");
        final boolean shadowNode = flag(node.get("node"), path + ".node", "node", true);
        final List<String> cgroups = cgroups(node.get("cgroups"), path + ".cgroups", firstByCgroup);
        if (problems.size() != before)
        {
            return null;
        }
        if (!shadowNode && cgroups.isEmpty())
        {
            final int line = lines.lineOf(path + ".node");
            LOG.warn("{}{}: {}.node: no node and no cgroups, reachable only after shadowdev bind: name={}", source,
                line > 0 ? ":" + line : "", path, name);
        }
        return new PartitionSpec(name, Resources.of(min), Resources.of(max), lend, new NodeMode(mode, uid, gid),
            shadowNode, cgroups);
    }

    /** @return a boolean key ({@code node}, {@code lend}): {@code absent} when absent or after recording a problem. */
    private boolean flag(final JsonNode value, final String key, final String k, final boolean absent)
    {
        if (value == null)
        {
            return absent;
        }
        if (!value.isBoolean())
        {
            problem(key, "must be true or false: " + k + "=" + value);
            return absent;
        }
        return value.booleanValue();
    }

    /**
     * A partition's resource: a number reserves exactly that much ({@code min = max}, at least 1 for cores, memory
     * and DMA channels, as a fixed partition needs); {@code { min = .., max = .. }} reserves {@code min} and allows
     * up to {@code max}: {@code min >= 0}, {@code min <= max}, and {@code max >= 1} for cores, memory and DMA
     * channels (the firmware's rule for an elastic partition: it may borrow everything but needs a limit to use).
     *
     * @return {min, max}; {0, 0} when optional and absent or after recording a problem.
     */
    private long[] range(final JsonNode table, final String prefix, final Resource resource)
    {
        final boolean required = resource != Resource.BUS_REPLICATORS && resource != Resource.SEMAPHORES;
        final JsonNode value = table.get(resource.key());
        if (value == null || !value.isObject())
        {
            final long amount = amount(table, prefix, resource, required ? 1 : 0, required);
            return amount < 0 ? new long[2] : new long[] { amount, amount };
        }
        final String key = prefix + resource.key();
        unknownKeys(value, key + ".", RANGE_KEYS);
        final long min = amount(value, key + ".", resource, "min", 0, true);
        final long max = amount(value, key + ".", resource, "max", required ? 1 : 0, true);
        if (min < 0 || max < 0)
        {
            return new long[2];
        }
        if (min > max)
        {
            problem(key, "min above max: min=" + value.get("min") + " max=" + value.get("max"));
            return new long[2];
        }
        return new long[] { min, max };
    }

    /**
     * @return {@code cgroups}: each path valid (ABI.md 7, {@link CgroupPaths}) and in no other place of the config;
     *     empty when absent or after recording a problem.
     */
    private List<String> cgroups(final JsonNode value, final String key, final Map<String, String> firstByCgroup)
    {
        if (value == null)
        {
            return List.of();
        }
        if (!value.isArray())
        {
            problem(key, "must be an array of cgroup paths such as [\"/machine.slice/tenant-a\"]: cgroups=" + value);
            return List.of();
        }
        final List<String> paths = new ArrayList<>();
        for (int i = 0; i < value.size(); i++)
        {
            final String at = key + "[" + i + "]";
            final JsonNode element = value.get(i);
            if (!element.isTextual())
            {
                problem(at, "must be a string: cgroup=" + element);
                continue;
            }
            final String path = element.textValue();
            try
            {
                CgroupPaths.check(path);
            }
            catch (final CgroupPathException ex)
            {
                problem(at, ex.getMessage());
                continue;
            }
            final String first = firstByCgroup.putIfAbsent(path, at);
            if (first != null)
            {
                problem(at, "cgroup path given twice, first in " + first + ": path=" + path);
                continue;
            }
            paths.add(path);
        }
        return paths;
    }

    private String name(final JsonNode node, final String path, final Map<String, String> firstByName)
    {
        final String key = path + ".name";
        final JsonNode value = node.get("name");
        if (value == null)
        {
            problem(key, "missing required key");
            return null;
        }
        if (!value.isTextual())
        {
            problem(key, "must be a string: name=" + value);
            return null;
        }
        final String name = value.textValue();
        final int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (name.isEmpty())
        {
            problem(key, "must not be empty: name=\"\"");
        }
        else if (bytes > MAX_NAME_BYTES)
        {
            problem(key, "longer than " + MAX_NAME_BYTES + " bytes: bytes=" + bytes + " name=" + value);
        }
        else if (!NAME.matcher(name).matches())
        {
            problem(key, "must be letters, digits, '_', '.' or '-', starting with a letter or digit: name=" + value);
        }
        else
        {
            final String first = firstByName.putIfAbsent(name, path);
            if (first != null)
            {
                problem(key, "duplicate name, first in " + first + ": name=" + value);
            }
            else
            {
                return name;
            }
        }
        return null;
    }

    /** @return the amount, or -1 after recording a problem (or when optional and absent: 0). */
    private long amount(
        final JsonNode table, final String prefix, final Resource resource, final long min, final boolean required)
    {
        return amount(table, prefix, resource, resource.key(), min, required);
    }

    /**
     * @param k the key in {@code table}: the resource's own, or {@code min}/{@code max} of its inline table.
     * @return the amount, or -1 after recording a problem (or when optional and absent: 0).
     */
    private long amount(final JsonNode table, final String prefix, final Resource resource, final String k,
        final long min, final boolean required)
    {
        final String key = prefix + k;
        final JsonNode value = table.get(k);
        if (value == null)
        {
            if (required)
            {
                problem(key, "missing required key");
                return -1;
            }
            return 0;
        }
        long amount = -1;
        if (resource == Resource.MEMORY && value.isTextual())
        {
            amount = Sizes.parse(value.textValue());
            if (amount < 0)
            {
                problem(key, "must be a size such as 8GiB, 512MiB or a byte count: " + k + "=" + value);
                return -1;
            }
        }
        else if (value.isIntegralNumber() && value.canConvertToLong())
        {
            amount = value.longValue();
        }
        else
        {
            problem(key, (resource == Resource.MEMORY ? "must be an integer or a size string: " :
                "must be an integer: ") + k + "=" + value);
            return -1;
        }
        if (amount < min)
        {
            problem(key, "must be >= " + min + ": " + k + "=" + value);
            return -1;
        }
        return amount;
    }

    private int mode(final JsonNode value, final String key)
    {
        if (value == null)
        {
            return NodeMode.DEFAULT.mode();
        }
        if (value.isTextual() && MODE.matcher(value.textValue()).matches())
        {
            return Integer.parseInt(value.textValue(), 8);
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0 &&
            value.intValue() <= NodeMode.MAX_MODE)
        {
            return value.intValue();
        }
        problem(key, "must be an octal mode \"0000\" to \"0777\": mode=" + value);
        return -1;
    }

    private long id(final JsonNode value, final String key, final String k)
    {
        if (value == null)
        {
            return 0;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0 &&
            value.longValue() <= MAX_ID)
        {
            return value.longValue();
        }
        problem(key, "must be an integer 0 to " + MAX_ID + ": " + k + "=" + value);
        return -1;
    }

    private void checkSum(final Resources capacity, final List<PartitionSpec> partitions, final List<String> paths)
    {
        for (final Resource r : Resource.values())
        {
            long sum = 0;
            for (int i = 0; i < partitions.size(); i++)
            {
                final long amount = partitions.get(i).min().get(r);
                sum = sum > Long.MAX_VALUE - amount ? Long.MAX_VALUE : sum + amount;
                if (sum > capacity.get(r))
                {
                    final boolean memory = r == Resource.MEMORY;
                    problem(paths.get(i) + "." + r.key(), "partitions reserve more than the device has: sum=" +
                        (memory ? Sizes.format(sum) : Long.toString(sum)) + " capacity=" +
                        (memory ? Sizes.format(capacity.get(r)) : Long.toString(capacity.get(r))));
                    break;
                }
            }
        }
    }

    private void unknownKeys(final JsonNode table, final String prefix, final Set<String> known)
    {
        for (final Iterator<String> it = table.fieldNames(); it.hasNext(); )
        {
            final String key = it.next();
            if (!known.contains(key))
            {
                problem(prefix + key, "unknown key");
            }
        }
    }

    private void problem(final String key, final String what)
    {
        final int line = lines.lineOf(key);
        problems.add(source + (line > 0 ? ":" + line : "") + ": " + key + ": " + what);
    }
}
