package dev.shadowdev.dra.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** {@code shadowdev dra}: the Kubernetes side of shadowdev. */
@Command(name = "shadowdev dra", mixinStandardHelpOptions = true,
    description = "Kubernetes Dynamic Resource Allocation for the shadowdev card.",
    subcommands = {SlicesCommand.class, PluginCommand.class})
public final class DraCli implements Runnable
{
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(new DraCli().commandLine().execute(args));
    }

    /** @return the command line, for {@link #main} and tests. */
    public CommandLine commandLine()
    {
        return new CommandLine(this);
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return {@code $NODE_NAME}, else the host name in lower case: the default pool name. */
    static String defaultNodeName()
    {
        final String env = System.getenv("NODE_NAME");
        if (env != null && !env.isEmpty())
        {
            return env;
        }
        try
        {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        }
        catch (final UnknownHostException ex)
        {
            return "localhost";
        }
    }
}
