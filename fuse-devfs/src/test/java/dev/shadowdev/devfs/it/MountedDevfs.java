package dev.shadowdev.devfs.it;

import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.wiring.EmbeddedDevfs;
import dev.shadowdev.devfs.wiring.ShadowdevMain;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.firmware.card.CardOptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * A real devfs for integration tests: the embedded card and driver, mounted with FUSE at a temp directory, with
 * the default config (or one of the test's) applied through the base node by the CLI's {@code apply} (as a separate daemon would).
 */
public final class MountedDevfs implements AutoCloseable
{
    public final Path dir;
    public final Path mount;
    public final Path state;
    public final EmbeddedDevfs devfs;

    private MountedDevfs(final Path dir, final EmbeddedDevfs devfs)
    {
        this.dir = dir;
        this.mount = devfs.mountPoint();
        this.state = dir.resolve("state.json");
        this.devfs = devfs;
    }

    static MountedDevfs start(final Path dir) throws Exception
    {
        return start(dir, DriverOptions.builder().tracePath(dir.resolve("wire.pcap")).build());
    }

    /** As {@link #start(Path)}, with the driver run as {@code options} say (e.g. without a wire trace). */
    public static MountedDevfs start(final Path dir, final DriverOptions options) throws Exception
    {
        return start(dir, options, Path.of("../examples/partitions.toml"));
    }

    /**
     * As {@link #start(Path, DriverOptions)}, with the config {@code source} (copied to
     * {@code dir/partitions.toml}) applied instead of {@code examples/partitions.toml}.
     */
    public static MountedDevfs start(final Path dir, final DriverOptions options, final Path source) throws Exception
    {
        final Path config = dir.resolve("partitions.toml");
        Files.copy(source, config);
        final EmbeddedDevfs devfs = EmbeddedDevfs.start(
            EmbeddedDevfs.profileOf(ConfigLoader.load(config)), dir.resolve("mnt"), options, CardOptions.defaults());
        final MountedDevfs mounted = new MountedDevfs(dir, devfs);
        try
        {
            final Cli apply = mounted.cli("apply", "--config", config.toString());
            if (apply.status != 0)
            {
                throw new IllegalStateException("apply failed: " + apply);
            }
            return mounted;
        }
        catch (final Exception | Error ex)
        {
            mounted.close();
            throw ex;
        }
    }

    /** Run the CLI against this mount and state file. */
    public Cli cli(final String... args)
    {
        return run(args, "--mount", mount.toString(), "--state", state.toString());
    }

    /** Run the CLI against this mount, for a command that takes no state file ({@code ls}). */
    public Cli cliMountOnly(final String... args)
    {
        return run(args, "--mount", mount.toString());
    }

    private static Cli run(final String[] args, final String... options)
    {
        final String[] all = new String[args.length + options.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(options, 0, all, args.length, options.length);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine line = ShadowdevMain.cli().commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        final int status = line.execute(all);
        return new Cli(status, out.toString(), err.toString());
    }

    public Path node(final String name) throws Exception
    {
        return mount.resolve("by-name").resolve(name).toRealPath();
    }

    @Override
    public void close()
    {
        devfs.close();
    }

    public record Cli(int status, String out, String err)
    {
    }
}
