package dev.shadowdev.devfs.wiring;

import dev.shadowdev.devfs.cli.NodeOpener;
import dev.shadowdev.devfs.cli.ShadowdevCli;

/**
 * {@code shadowdev}'s entry point (the Main-Class of {@code shadowdev.jar}) and the one place that wires firmware,
 * driver and filesystem: the CLI opens node files through libc, and its {@code up} mounts an {@link EmbeddedDevfs}
 * (the emulated card, the driver over it and the FUSE filesystem over the driver). Nothing else in this module
 * chooses an implementation of {@code up}.
 */
public final class ShadowdevMain
{
    /** slf4j-simple's default level (the jar's binding); set before the first logger is made. */
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private ShadowdevMain()
    {
    }

    /** @return the CLI as the jar runs it. */
    public static ShadowdevCli cli()
    {
        return new ShadowdevCli(NodeOpener.FILES, EmbeddedDevfs::mount);
    }

    public static void main(final String[] args)
    {
        if (ShadowdevCli.verbose(args) && System.getProperty(LOG_LEVEL) == null)
        {
            System.setProperty(LOG_LEVEL, "debug");
        }
        System.exit(cli().commandLine().execute(args));
    }
}
