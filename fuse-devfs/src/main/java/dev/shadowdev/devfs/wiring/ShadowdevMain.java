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
        System.exit(cli().commandLine().execute(args));
    }
}
