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
 * node = true                   # a shadow node accel/accel<minor> (default); false: none, no minor used
 * cgroups = ["/machine.slice/tenant-a"]   # cgroup paths that reach it through accel/cgroup (ABI.md 7), default []
 * lend = false                  # lend its idle reservation to partitions that borrow (ABI.md 6), default false
 * }</pre>
 * Each of the five resources may instead be an elastic range (ABI.md 6), {@code cores = { min = 1, max = 4 }},
 * {@code memory = { min = "2GiB", max = "8GiB" }}: {@code min} is reserved (guaranteed), up to {@code max} may be
 * used by borrowing idle capacity; {@code 0 <= min <= max}, and {@code max >= 1} for cores, memory and DMA channels.
 * The partitions' reservations ({@code min}) together must fit in the device's capacity. A cgroup path is absolute, at most 4096 bytes, without
 * "." or ".." or empty components (as {@code /proc/<pid>/cgroup} prints it), and may appear in one partition only.
 * A partition with {@code node = false} and no cgroups is accepted with a warning (it is reachable only once
 * {@code shadowdev bind} binds a cgroup to it). Every problem is reported as
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
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new ConfigException(List.of(file + ": cannot read: " + ex));
        }
        final String text;
        try
        {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        }
        catch (final java.nio.charset.CharacterCodingException ex)
        {
            throw new ConfigException(List.of(file + ":" + firstBadLine(bytes) + ": not UTF-8: " + ex));
        }
        return parse(file.toString(), text);
    }

    /** @return the line of the first byte that is not part of valid UTF-8. */
    private static int firstBadLine(final byte[] bytes)
    {
        final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        final java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        final java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        int line = 1;
        for (int i = 0; i < in.position(); i++)
        {
            if (bytes[i] == '\n')
            {
                line++;
            }
        }
        return line;
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
     * The line of a parser error: a duplicate key at the duplicate (the parser reports it at the end of the
     * input), else the parser's own position, counted in LF-terminated lines as editors count them (the parser
     * also counts U+2028 and U+0085 as line ends) and at most the file's last line, else (limits the parser
     * checks without a position) the line where brackets nest deepest or the longest line.
     */
    private static int syntaxLine(final JsonProcessingException ex, final TomlKeyLines keyLines, final String text)
    {
        final String message = String.valueOf(ex.getOriginalMessage());
        if (message.startsWith("Duplicate key") && keyLines.duplicateLine() > 0)
        {
            return keyLines.duplicateLine();
        }
        final JsonLocation location = ex.getLocation();
        if (location != null && location.getCharOffset() >= 0 && location.getCharOffset() <= text.length())
        {
            return keyLines.lineAt(text, (int)location.getCharOffset());
        }
        if (location != null && location.getLineNr() > 0)
        {
            return Math.min(location.getLineNr(), keyLines.lastLine());
        }
        final int line = message.contains("depth") ? keyLines.deepestLine() : keyLines.longestLine();
        return line > 0 ? line : Math.max(1, keyLines.longestLine());
    }

    /**
     * @param source the name of the text's origin, used in problems.
     * @param text   the TOML text.
     * @return the validated config.
     * @throws ConfigException listing every problem.
     */
    public static DevfsConfig parse(final String source, final String text) throws ConfigException
    {
        final TomlKeyLines keyLines = new TomlKeyLines(text);
        final JsonNode root;
        try
        {
            root = TOML.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            throw new ConfigException(List.of(source + ":" + syntaxLine(ex, keyLines, text) + ": syntax: " +
                ex.getOriginalMessage()));
        }
        return new ConfigBinder(source, keyLines).bind(root);
    }
}
