package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.cdi.CdiDevice;
import dev.shadowdev.devfs.cdi.CdiSpecWriter;
import dev.shadowdev.devfs.daemon.PartitionRecord;
import dev.shadowdev.devfs.daemon.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code shadowdev cdi}: write a CDI spec with one device per shadow node, from the daemon's state file
 * ({@code --state}; partitions without a node are left out) or by listing the mounted tree's {@code by-name/}
 * links; and, when the tree has the shared node {@code accel/cgroup}, the device {@code cgroup} for it.
 */
@Command(name = "cdi", description = "Write a CDI spec that bind-mounts each shadow node, and the shared node " +
    "accel/cgroup (device 'cgroup'), at /dev/accel/accel0.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev cdi -o /etc/cdi/shadowdev.json",
        "  podman run --device shadowdev.dev/accel=infer-a ...",
        "  podman run --device shadowdev.dev/accel=cgroup ...   # the partition bound to the container's cgroup"})
final class CdiCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = "--state", description = "Take the nodes from this daemon state file instead of the mount.")
    Path state;

    @Option(names = "--kind", defaultValue = CdiSpecWriter.DEFAULT_KIND,
        description = "CDI kind, vendor/class. Default ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = { "-o", "--output" }, description = "Where to write the spec, '-' for stdout. " +
        "Default /etc/cdi/shadowdev.json.")
    String output = CdiSpecWriter.DEFAULT_PATH.toString();

    @Override
    public Integer call()
    {
        final List<CdiDevice> devices = new ArrayList<>();
        try
        {
            if (state != null)
            {
                final DevfsTree tree = new DevfsTree(mount);
                for (final PartitionRecord r : new StateStore(state).load().partitions())
                {
                    if (r.hasNode())
                    {
                        devices.add(new CdiDevice(r.name(), tree.node(r.minor()).toAbsolutePath()));
                    }
                }
                tree.addCgroupDevice(devices);
            }
            else
            {
                devices.addAll(new DevfsTree(mount).cdiDevices());
            }
            if ("-".equals(output))
            {
                spec.commandLine().getOut().print(CdiSpecWriter.render(kind, devices));
            }
            else
            {
                CdiSpecWriter.write(Path.of(output), kind, devices);
                spec.commandLine().getOut().println("cdi: wrote " + output + ": devices=" + devices.size() +
                    " kind=" + kind);
            }
            return 0;
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println(ex.getMessage());
            return ShadowdevCli.EXIT_USAGE;
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("cdi: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
    }
}
