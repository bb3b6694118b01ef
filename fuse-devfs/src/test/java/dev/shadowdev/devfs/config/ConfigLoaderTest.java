package dev.shadowdev.devfs.config;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest
{
    private static final String SOURCE = "partitions.toml";

    private static final String ONE = String.join("\n",
        "[device]",                 // 1
        "profile = \"aic100\"",     // 2
        "",                         // 3
        "[[partition]]",            // 4
        "name = \"infer-a\"",       // 5
        "cores = 4",                // 6
        "memory = \"8GiB\"",        // 7
        "bus_replicators = 8",      // 8
        "semaphores = 16",          // 9
        "dma_channels = 4",         // 10
        "mode = \"0640\"",          // 11
        "uid = 1000",               // 12
        "gid = 100",                // 13
        "");

    @Test
    void shouldLoadTheExampleConfig() throws Exception
    {
        final DevfsConfig config = ConfigLoader.load(Path.of("..", "examples", "partitions.toml"));

        assertEquals("aic100", config.profile());
        assertEquals(Resources.of(16, 32L << 30, 32, 64, 16), config.capacity());
        assertEquals(List.of("infer-a", "infer-b", "train-a", "batch"),
            config.partitions().stream().map(PartitionSpec::name).toList());
        for (final PartitionSpec p : config.partitions())
        {
            assertEquals(Resources.of(3, 7L << 30, 7, 14, 3), p.resources());
            assertEquals(NodeMode.DEFAULT, p.node());
        }
    }

    @Test
    void shouldLoadEveryExampleConfig() throws Exception
    {
        final List<Path> examples;
        try (var files = Files.list(Path.of("..", "examples")))
        {
            examples = files.filter((f) -> f.toString().endsWith(".toml")).sorted().toList();
        }

        assertEquals(List.of("cgroups.toml", "elastic.toml", "partitions.toml"),
            examples.stream().map((f) -> f.getFileName().toString()).toList());
        for (final Path example : examples)
        {
            assertFalse(ConfigLoader.load(example).partitions().isEmpty(), example.toString());
        }
    }

    @Test
    void shouldLoadTheCgroupsExample() throws Exception
    {
        final DevfsConfig config = ConfigLoader.load(Path.of("..", "examples", "cgroups.toml"));

        assertEquals(List.of(
            new PartitionSpec("tenant-a", Resources.of(4, 8L << 30, 8, 16, 4), NodeMode.DEFAULT, true,
                List.of("/shadowdev.slice/tenant-a")),
            new PartitionSpec("tenant-b", Resources.of(4, 8L << 30, 8, 16, 4), NodeMode.DEFAULT, false,
                List.of("/shadowdev.slice/tenant-b", "/machine.slice/tenant-b"))), config.partitions());
    }

    @Test
    void shouldLoadTheElasticExample() throws Exception
    {
        final DevfsConfig config = ConfigLoader.load(Path.of("..", "examples", "elastic.toml"));

        final Resources inferMin = Resources.of(1, 2L << 30, 2, 4, 1);
        final Resources inferMax = Resources.of(4, 8L << 30, 8, 16, 4);
        assertEquals(List.of(
            new PartitionSpec("infer-a", inferMin, inferMax, true, NodeMode.DEFAULT, true, List.of()),
            new PartitionSpec("infer-b", inferMin, inferMax, true, NodeMode.DEFAULT, true, List.of()),
            new PartitionSpec("batch", Resources.of(2, 4L << 30, 4, 8, 2), Resources.of(16, 24L << 30, 24, 48, 12),
                false, NodeMode.DEFAULT, true, List.of())), config.partitions());
        assertTrue(config.partitions().stream().allMatch(PartitionSpec::elastic));
        assertEquals(inferMin, config.partition("infer-a").resources());
    }

    @Test
    void shouldReadRangesMixedWithNumbersAndKeepAFixedPartitionFixed() throws Exception
    {
        final DevfsConfig config = ConfigLoader.parse(SOURCE, ONE.replace("cores = 4", "cores = { min = 0, max = 6 }")
            .replace("semaphores = 16", "semaphores.min = 2\nsemaphores.max = 20"));
        final PartitionSpec p = config.partitions().get(0);

        assertEquals(Resources.of(0, 8L << 30, 8, 2, 4), p.min());
        assertEquals(Resources.of(6, 8L << 30, 8, 20, 4), p.max());
        assertFalse(p.lend());
        assertTrue(p.elastic());

        final PartitionSpec fixed = ConfigLoader.parse(SOURCE, ONE).partitions().get(0);
        assertEquals(fixed.min(), fixed.max());
        assertFalse(fixed.elastic());
        final PartitionSpec lending = ConfigLoader.parse(SOURCE, ONE + "lend = true\n").partitions().get(0);
        assertTrue(lending.lend());
        assertTrue(lending.elastic(), "lend needs the v1.1 body even with min = max");
        assertTrue(ConfigLoader.parse(SOURCE, ONE.replace("memory = \"8GiB\"",
            "memory = { min = 0, max = \"8GiB\" }")).partitions().get(0).elastic());
    }

    @Test
    void shouldRejectBadRangesNamingKeyAndLine()
    {
        assertProblems(ONE.replace("cores = 4", "cores = { min = 6, max = 4 }"),
            "partitions.toml:6: partition[0].cores: min above max: min=6 max=4");
        assertProblems(ONE.replace("\"8GiB\"", "{ min = \"9GiB\", max = \"8GiB\" }"),
            "partitions.toml:7: partition[0].memory: min above max: min=\"9GiB\" max=\"8GiB\"");
        assertProblems(ONE.replace("cores = 4", "cores = { min = 0, max = 0 }"),
            "partitions.toml:6: partition[0].cores.max: must be >= 1: max=0");
        assertProblems(ONE.replace("dma_channels = 4", "dma_channels = { min = -1, max = 2 }"),
            "partitions.toml:10: partition[0].dma_channels.min: must be >= 0: min=-1");
        assertProblems(ONE.replace("cores = 4", "cores = { max = 4 }"),
            "partitions.toml:6: partition[0].cores.min: missing required key");
        assertProblems(ONE.replace("cores = 4", "cores = { min = 1, max = 4, limit = 5 }"),
            "partitions.toml:6: partition[0].cores.limit: unknown key");
        assertProblems(ONE.replace("\"8GiB\"", "{ min = \"1 GB\", max = \"8GiB\" }"),
            "partitions.toml:7: partition[0].memory.min: must be a size such as 8GiB, 512MiB or a byte count: " +
            "min=\"1 GB\"");
        assertProblems(ONE.replace("semaphores = 16", "semaphores.min = 1\nsemaphores.max = \"x\""),
            "partitions.toml:10: partition[0].semaphores.max: must be an integer: max=\"x\"");
        assertProblems(ONE + "lend = \"yes\"\n",
            "partitions.toml:14: partition[0].lend: must be true or false: lend=\"yes\"");
        assertProblems(ONE.replace("cores = 4", "cores = 0"),
            "partitions.toml:6: partition[0].cores: must be >= 1: cores=0");
    }

    @Test
    void shouldCheckTheReservationsNotTheLimitsAgainstTheCapacity() throws Exception
    {
        final String second = ONE.substring(ONE.indexOf("[[partition]]")).replace("infer-a", "batch");
        final DevfsConfig fits = ConfigLoader.parse(SOURCE, ONE.replace("cores = 4", "cores = { min = 4, max = 16 }") +
            second.replace("cores = 4", "cores = { min = 12, max = 16 }"));
        assertEquals(16, fits.partitions().stream().mapToLong((p) -> p.min().get(Resource.CORES)).sum());

        assertProblems(ONE.replace("cores = 4", "cores = { min = 5, max = 16 }") +
            second.replace("cores = 4", "cores = { min = 12, max = 12 }"),
            "partitions.toml:16: partition[1].cores: partitions reserve more than the device has: sum=17 capacity=16");
    }

    @Test
    void shouldDefaultToANodeAndNoCgroups() throws Exception
    {
        final PartitionSpec p = ConfigLoader.parse(SOURCE, ONE).partitions().get(0);

        assertTrue(p.shadowNode());
        assertEquals(List.of(), p.cgroups());
        assertEquals(new PartitionSpec("infer-a", p.resources(), p.node()), p);
    }

    @Test
    void shouldAcceptTheRootCgroupAndANodelessPartitionWithoutCgroups() throws Exception
    {
        final DevfsConfig config = ConfigLoader.parse(SOURCE, ONE + "node = false\n" +
            ONE.substring(ONE.indexOf("[[partition]]")).replace("infer-a", "all").replace("cores = 4", "cores = 1")
                .replace("gid = 100", "gid = 100\ncgroups = [\"/\"]"));

        assertFalse(config.partition("infer-a").shadowNode());
        assertEquals(List.of(), config.partition("infer-a").cgroups());
        assertEquals(List.of("/"), config.partition("all").cgroups());
    }

    @Test
    void shouldRejectBadCgroupPathsNamingTheElement()
    {
        final String at = "gid = 100";
        assertProblems(ONE.replace(at, at + "\ncgroups = [\"/ok\", \"machine.slice/a\", \"/a/../b\", \"\", \"/a/\"]"),
            "partitions.toml:14: partition[0].cgroups[1]: cgroup path not absolute: path=machine.slice/a",
            "partitions.toml:14: partition[0].cgroups[2]: cgroup path has a . or .. component: path=/a/../b",
            "partitions.toml:14: partition[0].cgroups[3]: cgroup path empty: path=\"\"",
            "partitions.toml:14: partition[0].cgroups[4]: cgroup path ends with /: path=/a/");
        assertProblems(ONE.replace(at, at + "\ncgroups = [\"/a//b\", 7]"),
            "partitions.toml:14: partition[0].cgroups[0]: cgroup path has an empty component: path=/a//b",
            "partitions.toml:14: partition[0].cgroups[1]: must be a string: cgroup=7");
        assertProblems(ONE.replace(at, at + "\ncgroups = [\"/" + "x".repeat(4096) + "\"]"),
            "partitions.toml:14: partition[0].cgroups[0]: cgroup path too long: length=4097 max=4096");
        assertProblems(ONE.replace(at, at + "\ncgroups = \"/machine.slice\""),
            "partitions.toml:14: partition[0].cgroups: must be an array of cgroup paths such as " +
            "[\"/machine.slice/tenant-a\"]: cgroups=\"/machine.slice\"");
        assertProblems(ONE.replace(at, at + "\nnode = \"no\""),
            "partitions.toml:14: partition[0].node: must be true or false: node=\"no\"");
    }

    @Test
    void shouldRejectACgroupPathInTwoPlacesNamingTheElementsLine()
    {
        final String partition = String.join("\n",
            "[[partition]]", "name = \"%s\"", "cores = 1", "memory = \"1GiB\"", "dma_channels = 1", "cgroups = [");
        final String text = String.format(partition, "a") + "\n" + String.join("\n",
            "  \"/t/a\",",            // 7
            "  \"/t/b\",",            // 8
            "  \"/t/a\",",            // 9
            "]",
            String.format(partition, "b"),
            "  \"/t/c\", \"/t/b\",", // 17
            "]", "");

        assertProblems(text,
            "partitions.toml:9: partition[0].cgroups[2]: cgroup path given twice, first in " +
            "partition[0].cgroups[0]: path=/t/a",
            "partitions.toml:17: partition[1].cgroups[1]: cgroup path given twice, first in " +
            "partition[0].cgroups[1]: path=/t/b");
    }

    @Test
    void shouldShipTheExampleAsTheBuiltInDefault() throws Exception
    {
        final DevfsConfig builtIn = ConfigLoader.loadDefault();
        final DevfsConfig example = ConfigLoader.load(Path.of("..", "examples", "partitions.toml"));

        assertEquals("(built-in) partitions.toml", builtIn.source());
        assertEquals(example.partitions(), builtIn.partitions());
        assertEquals(example.capacity(), builtIn.capacity());
    }

    @Test
    void shouldReadEveryFieldOfAPartition() throws Exception
    {
        final DevfsConfig config = ConfigLoader.parse(SOURCE, ONE);

        assertEquals(List.of(new PartitionSpec("infer-a", Resources.of(4, 8L << 30, 8, 16, 4),
            new NodeMode(0640, 1000, 100))), config.partitions());
        assertEquals(SOURCE, config.source());
    }

    @Test
    void shouldDefaultTheDeviceTheOptionalAmountsAndTheNode() throws Exception
    {
        final DevfsConfig config = ConfigLoader.parse(SOURCE, String.join("\n",
            "[[partition]]", "name = \"p\"", "cores = 1", "memory = 4096", "dma_channels = 1", "mode = 0o600"));

        assertEquals("aic100", config.profile());
        assertEquals(Resources.of(1, 4096, 0, 0, 1), config.partition("p").resources());
        assertEquals(new NodeMode(0600, 0, 0), config.partition("p").node());
        assertNull(config.partition("q"));
    }

    @Test
    void shouldAcceptAnEmptyConfigAndExplicitCapacities() throws Exception
    {
        assertEquals(List.of(), ConfigLoader.parse(SOURCE, "").partitions());

        final DevfsConfig custom = ConfigLoader.parse(SOURCE, String.join("\n",
            "[device.capacity]", "cores = 2", "memory = \"1GiB\"", "bus_replicators = 0", "semaphores = 0",
            "dma_channels = 2"));
        assertEquals("custom", custom.profile());
        assertEquals(Resources.of(2, 1L << 30, 0, 0, 2), custom.capacity());
    }

    @Test
    void shouldRejectZeroCoresNamingFileLineAndKey()
    {
        assertProblems(ONE.replace("cores = 4", "cores = 0"),
            "partitions.toml:6: partition[0].cores: must be >= 1: cores=0");
    }

    @Test
    void shouldNameTheSecondPartitionsLine()
    {
        final String two = ONE + ONE.substring(ONE.indexOf("[[partition]]"))
            .replace("infer-a", "infer-b").replace("cores = 4", "cores = 0");

        assertProblems(two, "partitions.toml:16: partition[1].cores: must be >= 1: cores=0");
    }

    @Test
    void shouldRejectUnknownKeysAtEveryLevel()
    {
        assertProblems("colour = 1\n" + ONE.replace("profile = \"aic100\"", "profile = \"aic100\"\nmajor = 261")
                .replace("cores = 4", "corez = 4"),
            "partitions.toml:1: colour: unknown key",
            "partitions.toml:4: device.major: unknown key",
            "partitions.toml:8: partition[0].corez: unknown key",
            "partitions.toml:6: partition[0].cores: missing required key");
    }

    @Test
    void shouldRejectDuplicateNames()
    {
        final String two = ONE.replace("cores = 4", "cores = 2").replace("bus_replicators = 8", "")
            .replace("semaphores = 16", "").replace("memory = \"8GiB\"", "memory = \"1GiB\"")
            .replace("dma_channels = 4", "dma_channels = 1");

        assertProblems(two + two.substring(two.indexOf("[[partition]]")),
            "partitions.toml:15: partition[1].name: duplicate name, first in partition[0]: name=\"infer-a\"");
    }

    @Test
    void shouldRejectBadNames()
    {
        assertProblems(ONE.replace("\"infer-a\"", "\"abcdefghijklmnopqrstuvwxyz0123456\""),
            "partitions.toml:5: partition[0].name: longer than 31 bytes: bytes=33 " +
            "name=\"abcdefghijklmnopqrstuvwxyz0123456\"");
        assertProblems(ONE.replace("\"infer-a\"", "\"a/b\""),
            "partitions.toml:5: partition[0].name: must be letters, digits, '_', '.' or '-', " +
            "starting with a letter or digit: name=\"a/b\"");
        assertProblems(ONE.replace("\"infer-a\"", "\"..\""),
            "partitions.toml:5: partition[0].name: must be letters, digits, '_', '.' or '-', " +
            "starting with a letter or digit: name=\"..\"");
        assertProblems(ONE.replace("\"infer-a\"", "\"_x\""),
            "partitions.toml:5: partition[0].name: must be letters, digits, '_', '.' or '-', " +
            "starting with a letter or digit: name=\"_x\"");
        assertProblems(ONE.replace("\"infer-a\"", "\"\""),
            "partitions.toml:5: partition[0].name: must not be empty: name=\"\"");
        assertProblems(ONE.replace("\"infer-a\"", "7"),
            "partitions.toml:5: partition[0].name: must be a string: name=7");
        assertProblems(ONE.replace("name = \"infer-a\"", ""),
            "partitions.toml:4: partition[0].name: missing required key");
    }

    @Test
    void shouldRejectPartitionsOverCapacityAtThePartitionThatCrossesIt()
    {
        final StringBuilder text = new StringBuilder("[device]\nprofile = \"aic100\"\n");
        for (int i = 0; i < 5; i++)
        {
            text.append("[[partition]]\nname = \"p").append(i)
                .append("\"\ncores = 4\nmemory = \"8GiB\"\ndma_channels = 1\n");
        }

        assertProblems(text.toString(),
            "partitions.toml:25: partition[4].cores: partitions reserve more than the device has: sum=20 capacity=16",
            "partitions.toml:26: partition[4].memory: partitions reserve more than the device has: " +
            "sum=40GiB capacity=32GiB");
    }

    @Test
    void shouldRejectBadModesAndOwners()
    {
        assertProblems(ONE.replace("\"0640\"", "\"0999\""),
            "partitions.toml:11: partition[0].mode: must be an octal mode \"0000\" to \"0777\": mode=\"0999\"");
        assertProblems(ONE.replace("\"0640\"", "\"rw-rw----\""),
            "partitions.toml:11: partition[0].mode: must be an octal mode \"0000\" to \"0777\": mode=\"rw-rw----\"");
        assertProblems(ONE.replace("\"0640\"", "0o4755"),
            "partitions.toml:11: partition[0].mode: must be an octal mode \"0000\" to \"0777\": mode=2541");
        assertProblems(ONE.replace("uid = 1000", "uid = -1").replace("gid = 100", "gid = \"wheel\""),
            "partitions.toml:12: partition[0].uid: must be an integer 0 to 4294967294: uid=-1",
            "partitions.toml:13: partition[0].gid: must be an integer 0 to 4294967294: gid=\"wheel\"");
    }

    @Test
    void shouldRejectBadAmounts()
    {
        assertProblems(ONE.replace("\"8GiB\"", "\"8 GB\""),
            "partitions.toml:7: partition[0].memory: must be a size such as 8GiB, 512MiB or a byte count: " +
            "memory=\"8 GB\"");
        assertProblems(ONE.replace("\"8GiB\"", "1.5"),
            "partitions.toml:7: partition[0].memory: must be an integer or a size string: memory=1.5");
        assertProblems(ONE.replace("semaphores = 16", "semaphores = \"many\""),
            "partitions.toml:9: partition[0].semaphores: must be an integer: semaphores=\"many\"");
        assertProblems(ONE.replace("bus_replicators = 8", "bus_replicators = -1"),
            "partitions.toml:8: partition[0].bus_replicators: must be >= 0: bus_replicators=-1");
        assertProblems(ONE.replace("dma_channels = 4", "dma_channels = 99999999999999999999"),
            "partitions.toml:10: partition[0].dma_channels: must be an integer: " +
            "dma_channels=99999999999999999999");
    }

    @Test
    void shouldRejectBadDevices()
    {
        assertProblems(ONE.replace("\"aic100\"", "\"aic200\""),
            "partitions.toml:2: device.profile: unknown profile (known: aic100): profile=\"aic200\"");
        assertProblems("[device]\nprofile = \"aic100\"\n[device.capacity]\ncores = 1\n",
            "partitions.toml:1: device: give profile or capacity, not both");
        assertProblems("[device.capacity]\ncores = 1\nmemory = \"1GiB\"\nsemaphores = 0\ndma_channels = 0\n",
            "partitions.toml:1: device.capacity.bus_replicators: missing required key",
            "partitions.toml:5: device.capacity.dma_channels: must be >= 1: dma_channels=0");
        assertProblems("[device.capacity]\ncores = 65\nmemory = 1\nbus_replicators = 0\nsemaphores = 0\n" +
            "dma_channels = 64\n", "partitions.toml:2: device.capacity.cores: must be <= 64: cores=65");
        assertProblems("device = 3\n", "partitions.toml:1: device: must be a table: device=3");
        assertProblems("partition = 3\n", "partitions.toml:1: partition: must be an array of tables ([[partition]])");
    }

    @Test
    void shouldReportSyntaxErrorsWithTheirLine()
    {
        assertProblems("[device]\nprofile = \n", "partitions.toml:2: syntax: Newline not permitted here");
        // The parser also counts U+2028 (LINE SEPARATOR) in a comment as a line, which no editor does, and then
        // names a line past the end of the file: found by ConfigFuzzTest at scale 20 (cases 3808 and 17706 of run
        // seed 0x5eed0ff00d). Problems name at most the last line.
        assertProblems("# a\u2028b\n#\ndma_channels # b", "partitions.toml:3: syntax: Unknown token");
        assertProblems("# a\u2028b\n[device]\nprofile = \"aic\"\ndma_channe",
            "partitions.toml:4: syntax: Premature end of file");
        assertProblems("# a\u2028b\n[device]\nprofile = \n", "partitions.toml:3: syntax: Newline not permitted here");
    }

    @Test
    void shouldNameTheFileAsGivenWhenItCannotBeRead(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("partitions.toml");
        Files.writeString(file, ONE.replace("cores = 4", "cores = 0"));

        final ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":6: partition[0].cores: must be >= 1: cores=0", bad.getMessage());

        final Path missing = dir.resolve("missing.toml");
        final ConfigException unreadable = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals(missing + ": cannot read: java.nio.file.NoSuchFileException: " + missing,
            unreadable.getMessage());
    }

    @Test
    void shouldKeepTheResourceOrderOfTheAbi() throws Exception
    {
        final Resources r = ConfigLoader.parse(SOURCE, ONE).partitions().get(0).resources();

        assertEquals(4, r.get(Resource.CORES));
        assertEquals(8L << 30, r.get(Resource.MEMORY));
        assertEquals(8, r.get(Resource.BUS_REPLICATORS));
        assertEquals(16, r.get(Resource.SEMAPHORES));
        assertEquals(4, r.get(Resource.DMA_CHANNELS));
    }

    private static void assertProblems(final String text, final String... expected)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse(SOURCE, text));
        assertEquals(List.of(expected), ex.problems());
        assertEquals(String.join("\n", expected), ex.getMessage());
    }
}
