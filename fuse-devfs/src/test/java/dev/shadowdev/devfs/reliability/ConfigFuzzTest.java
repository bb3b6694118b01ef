package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.config.ConfigException;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.driver.cgroup.CgroupPathException;
import dev.shadowdev.driver.cgroup.CgroupPaths;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken partition configs through {@link ConfigLoader#load}: the shipped example and a config using every key,
 * mutated line by line and character by character ({@link ConfigMutator}), written to a file and loaded. Each one
 * is either a valid config (partitions that fit the device, unique names) or rejected with a
 * {@link ConfigException} whose every problem starts with {@code <file>:<line>: } naming a line of the file; nothing
 * else may come out of the loader (no other exception, no error).
 */
class ConfigFuzzTest
{
    private static final Logger LOG = FuzzRun.logger(ConfigFuzzTest.class);
    private static final int CI_CASES = 2000;

    @TempDir
    Path dir;

    @Test
    void everyBrokenConfigIsRejectedNamingFileAndLine() throws Exception
    {
        final FuzzRun run = FuzzRun.of("config", CI_CASES);
        final List<String> bases = List.of(
            Files.readString(Path.of("../examples/partitions.toml"), StandardCharsets.UTF_8),
            Files.readString(Path.of("../examples/cgroups.toml"), StandardCharsets.UTF_8),
            Files.readString(Path.of("../examples/elastic.toml"), StandardCharsets.UTF_8), ConfigMutator.EVERY_KEY);
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<String, String> violations = new TreeMap<>();
        final Path file = dir.resolve("partitions.toml");
        for (int i = 0; i < run.cases(); i++)
        {
            final SplittableRandom random = run.random(i);
            final ConfigMutator mutator = new ConfigMutator(random);
            final String text = mutator.mutate(bases.get(random.nextInt(bases.size())));
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(20) == 0)
            {
                bytes = ConfigMutator.invalidUtf8(random, bytes);
                mutator.applied().add("invalid UTF-8 byte");
            }
            Files.write(file, bytes);
            final String outcome = load(file, text);
            outcomes.merge(outcome.startsWith("VIOLATION") ? "violation" : outcome, 1, Integer::sum);
            if (outcome.startsWith("VIOLATION"))
            {
                violations.putIfAbsent(shape(outcome), run.describe(i) + " mutations=" + mutator.applied() + ": " +
                    outcome + "\n--- text (" + text.length() + " chars) ---\n" + ConfigMutator.excerpt(text) + "---");
            }
        }
        LOG.info("{} outcomes={} violation_kinds={}", run, outcomes, violations.keySet());
        assertEquals(List.of(), new ArrayList<>(violations.values()),
            "configs not rejected as file:line, one example per kind of violation");
        assertTrue(outcomes.getOrDefault("rejected", 0) > run.cases() / 2, outcomes.toString());
    }

    /** @return the kind of a violation: its text up to the first detail, the file name and numbers left out. */
    private static String shape(final String violation)
    {
        final String s = violation.replaceAll("/[^ :]*partitions\\.toml", "FILE").replaceAll("[0-9]+", "N");
        return s.substring(0, Math.min(s.length(), 90));
    }

    /** @return "accepted", "rejected", or "VIOLATION ..." naming what is wrong. */
    static String load(final Path file, final String text)
    {
        final DevfsConfig config;
        try
        {
            config = ConfigLoader.load(file);
        }
        catch (final ConfigException ex)
        {
            final int lines = text.split("\n", -1).length;
            final Pattern located = Pattern.compile("^" + Pattern.quote(file.toString()) + ":(\\d+): .+", Pattern.DOTALL);
            for (final String problem : ex.problems())
            {
                final Matcher m = located.matcher(problem);
                if (!m.matches())
                {
                    return "VIOLATION problem without file:line: " + problem;
                }
                final long line = Long.parseLong(m.group(1));
                if (line < 1 || line > lines)
                {
                    return "VIOLATION line outside the file: lines=" + lines + " problem=" + problem;
                }
            }
            return "rejected";
        }
        catch (final Throwable ex)
        {
            return "VIOLATION threw " + ex;
        }
        return sane(config);
    }

    /**
     * An accepted config must be usable: unique names, the required minimums, within the device's capacity, every
     * cgroup path valid and in one place only.
     */
    private static String sane(final DevfsConfig config)
    {
        final Set<String> names = new HashSet<>();
        final Set<String> cgroups = new HashSet<>();
        final long[] sum = new long[Resource.COUNT];
        for (final PartitionSpec p : config.partitions())
        {
            if (!names.add(p.name()) || p.max().get(Resource.CORES) < 1 ||
                p.max().get(Resource.MEMORY) < 1 || p.max().get(Resource.DMA_CHANNELS) < 1 || p.min().firstExceeding(p.max()) != null)
            {
                return "VIOLATION accepted an unusable partition: " + p;
            }
            for (final Resource r : Resource.values())
            {
                sum[r.ordinal()] += p.min().get(r);
            }
            for (final String path : p.cgroups())
            {
                try
                {
                    CgroupPaths.check(path);
                }
                catch (final CgroupPathException ex)
                {
                    return "VIOLATION accepted a bad cgroup path: " + ex.getMessage();
                }
                if (!cgroups.add(path))
                {
                    return "VIOLATION accepted a cgroup path twice: path=" + path;
                }
            }
        }
        for (final Resource r : Resource.values())
        {
            if (sum[r.ordinal()] > config.capacity().get(r))
            {
                return "VIOLATION accepted partitions over capacity: " + r.key() + "=" + sum[r.ordinal()];
            }
        }
        return "accepted";
    }
}
