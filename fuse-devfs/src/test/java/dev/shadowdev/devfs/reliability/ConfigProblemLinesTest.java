package dev.shadowdev.devfs.reliability;

import dev.shadowdev.devfs.config.ConfigException;
import dev.shadowdev.devfs.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smallest configs {@link ConfigFuzzTest} found rejected without a line or at a line the file does not have,
 * each with the line its problem must name. Four causes: a table that exists only through a deeper header or a
 * dotted key ({@code [device.capacity]}, {@code [[device]]}, {@code partition.0.cores = 1}) has no line of its own
 * in {@code TomlKeyLines}, so a problem about the table itself finds none; a syntax error raised by Jackson's stream
 * limits (nesting deeper than 1000) carries no location, so {@code ConfigLoader.parse} drops the line; Jackson
 * raises "Duplicate key" only at the end of the input, so the line named is the one after the last; and a file
 * that is not UTF-8 fails in {@code Files.readString} before any line is known.
 */
class ConfigProblemLinesTest
{
    private static final String SOURCE = "f.toml";

    @Test
    void aTableDefinedOnlyByItsSubTablesIsNamedAtItsFirstHeader()
    {
        assertProblems("[device.capacity]\ncores = 16\nmemory = 1\nbus_replicators = 1\nsemaphores = 1\n" +
            "dma_channels = 1\n[device.profile]\n", "f.toml:1: device: give profile or capacity, not both");
    }

    @Test
    void anArrayOfTablesWhereATableBelongsIsNamedAtItsHeader()
    {
        assertProblems("\n[[device]]\nprofile = \"aic100\"\n",
            "f.toml:2: device: must be a table: device=[{\"profile\":\"aic100\"}]");
    }

    @Test
    void dottedKeysNameTheLineThatCreatedTheirTables()
    {
        assertProblems("# partitions\npartition.0.cores = 1\n",
            "f.toml:2: partition: must be an array of tables ([[partition]])");
        assertProblems("\n\na.b.c = 1\n", "f.toml:3: a: unknown key");
        assertProblems("device.capacity.cores = 3\n",
            "f.toml:1: device.capacity.memory: missing required key",
            "f.toml:1: device.capacity.bus_replicators: missing required key",
            "f.toml:1: device.capacity.semaphores: missing required key",
            "f.toml:1: device.capacity.dma_channels: missing required key");
    }

    @Test
    void aValueNestedTooDeeplyIsASyntaxErrorOnItsLine()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse(SOURCE,
            "[device]\nprofile = \"aic100\"\n\nx = " + "[".repeat(1500) + "]".repeat(1500) + "\n"));
        assertEquals(1, ex.problems().size(), ex.getMessage());
        assertEquals("f.toml:4: syntax:", ex.problems().get(0).substring(0, "f.toml:4: syntax:".length()),
            ex.getMessage());
    }

    @Test
    void aDuplicateKeyIsNamedAtTheDuplicatesLine()
    {
        assertProblems("[device]\nprofile = \"aic100\"\nprofile = \"aic100\"\n\n\n# end\n",
            "f.toml:3: syntax: Duplicate key");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedAtTheLineOfTheFirstBadByte(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("partitions.toml");
        Files.write(file, new byte[]{'[', 'd', 'e', 'v', 'i', 'c', 'e', ']', '\n', 'p', '=', (byte)0xFF, '\n'});
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(1, ex.problems().size(), ex.getMessage());
        assertTrue(ex.problems().get(0).startsWith(file + ":2: "), ex.getMessage());
    }

    private static void assertProblems(final String text, final String... expected)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse(SOURCE, text));
        assertEquals(List.of(expected), ex.problems());
    }
}
