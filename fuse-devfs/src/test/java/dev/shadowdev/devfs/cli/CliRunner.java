package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.testing.FakeCard;
import dev.shadowdev.devfs.up.DevfsMounter;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process with its output captured; nodes under {@code mount} open on a {@link FakeCard}. */
final class CliRunner
{
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final FakeCard card;
    private final Path mount;
    private DevfsMounter mounter;

    CliRunner(final FakeCard card, final Path mount)
    {
        this.card = card;
        this.mount = mount;
    }

    CliRunner mounter(final DevfsMounter mounter)
    {
        this.mounter = mounter;
        return this;
    }

    int run(final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final NodeOpener opener = (path) ->
        {
            final Path real;
            try
            {
                real = path.toRealPath();
            }
            catch (final IOException ex)
            {
                throw new NodeException(-2, "open: status=ENOENT path=" + path);
            }
            final String name = real.getFileName().toString();
            if (!real.startsWith(realMount()) || !name.startsWith("accel") || !Files.isRegularFile(real))
            {
                throw new NodeException(-2, "open: status=ENOENT path=" + path);
            }
            return new NodeClient(card.open(Integer.parseInt(name.substring(5))));
        };
        final CommandLine cli = new ShadowdevCli(opener, mounter).commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path realMount()
    {
        try
        {
            return mount.toRealPath();
        }
        catch (final IOException ex)
        {
            return mount;
        }
    }

    String out()
    {
        return out.toString();
    }

    String err()
    {
        return err.toString();
    }
}
