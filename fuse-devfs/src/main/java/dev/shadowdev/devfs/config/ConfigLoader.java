package dev.shadowdev.devfs.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a partition config (TOML) and validates it completely before anyone acts on it:
 * <pre>{@code
 * [device]
 * profile = "aic100"            # or [device.capacity] with cores, memory, bus_replicators, semaphores, dma_channels
 *
 * [[partition]]
 * name = "infer-a"              # 1..31 bytes of [A-Za-z0-9._-], starting with a letter or digit; unique
 * cores = 4                     # >= 1
 * memory = "8GiB"               # >= 1 byte: an integer or "512MiB", "8GiB", ...
 * bus_replicators = 8           # >= 0, default 0
 * semaphores = 16               # >= 0, default 0
 * dma_channels = 4              # >= 1
 * mode = "0660"                 # node permission bits, "0000".."0777" (or 0o660), default "0660"
 * uid = 0                       # node owner, default 0
 * gid = 0                       # node group, default 0
 * }</pre>
 * The partitions together must fit in the device's capacity. Every problem is reported as
 * {@code file:line: key: what: name=value}, for example
 * {@code partitions.toml:12: partition[1].cores: must be >= 1: cores=0}.
 */
public final class ConfigLoader
{
    private static final TomlMapper TOML = new TomlMapper();

    private ConfigLoader()
    {
    }

    /**
     * @param file the config file; named in every problem as given.
     * @return the validated config.
     * @throws ConfigException when the file cannot be read or is not a valid config.
     */
    public static DevfsConfig load(final Path file) throws ConfigException
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new ConfigException(List.of(file + ": cannot read: " + ex));
        }
        return parse(file.toString(), text);
    }

    /** Where the built-in default config ({@code examples/partitions.toml}) is in the jar. */
    public static final String DEFAULT_RESOURCE = "/dev/shadowdev/devfs/config/partitions.toml";

    /**
     * @return the built-in default config: the {@code aic100} card split into four partitions.
     * @throws ConfigException when the jar lacks it (a broken build).
     */
    public static DevfsConfig loadDefault() throws ConfigException
    {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE))
        {
            if (in == null)
            {
                throw new ConfigException(List.of("(built-in): missing resource: path=" + DEFAULT_RESOURCE));
            }
            return parse("(built-in) partitions.toml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of("(built-in): cannot read: " + ex));
        }
    }

    /**
     * @param source the name of the text's origin, used in problems.
     * @param text   the TOML text.
     * @return the validated config.
     * @throws ConfigException listing every problem.
     */
    public static DevfsConfig parse(final String source, final String text) throws ConfigException
    {
        final JsonNode root;
        try
        {
            root = TOML.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            final JsonLocation location = ex.getLocation();
            final String line = location != null && location.getLineNr() > 0 ? ":" + location.getLineNr() : "";
            throw new ConfigException(List.of(source + line + ": syntax: " + ex.getOriginalMessage()));
        }
        return new ConfigBinder(source, new TomlKeyLines(text)).bind(root);
    }
}
