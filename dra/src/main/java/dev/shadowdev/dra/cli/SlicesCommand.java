package dev.shadowdev.dra.cli;

import dev.shadowdev.devfs.config.ConfigException;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.dra.catalog.CardLayout;
import dev.shadowdev.dra.catalog.DeviceCatalog;
import dev.shadowdev.dra.slices.SliceBuilder;
import dev.shadowdev.dra.slices.SliceRules;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.client.utils.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code shadowdev dra slices}: print, as YAML, the ResourceSlices the plugin would publish for a config (no
 * cluster needed). Configured partitions have no minor here: the running plugin adds it from the devfs.
 */
@Command(name = "slices", description = "Print the ResourceSlices the plugin would publish for a config, as YAML.")
final class SlicesCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "The partition config (TOML). Default: the built-in default config.")
    Path config;

    @Option(names = "--node", description = "The node name (the pool). Default $NODE_NAME, else the host name.")
    String node = DraCli.defaultNodeName();

    @Option(names = "--generation", description = "The pool generation. Default ${DEFAULT-VALUE}.")
    long generation = 1;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final DevfsConfig loaded;
        try
        {
            loaded = config == null ? ConfigLoader.loadDefault() : ConfigLoader.load(config);
        }
        catch (final ConfigException ex)
        {
            err.println(ex.getMessage());
            return DraCli.EXIT_USAGE;
        }
        final List<CardLayout.ConfiguredPartition> partitions = new ArrayList<>();
        for (final PartitionSpec p : loaded.partitions())
        {
            partitions.add(new CardLayout.ConfiguredPartition(p.name(), p.resources(), -1));
        }
        final DeviceCatalog catalog;
        try
        {
            catalog = DeviceCatalog.of(new CardLayout(loaded.capacity(), partitions));
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return DraCli.EXIT_USAGE;
        }
        final List<ResourceSlice> slices = SliceBuilder.build(node, catalog, generation);
        final List<String> broken = SliceRules.check(slices, catalog.capacity());
        if (!broken.isEmpty())
        {
            broken.forEach((b) -> err.println("slices: " + b));
            return DraCli.EXIT_FAILED;
        }
        for (final ResourceSlice slice : slices)
        {
            out.print(Serialization.asYaml(slice));
        }
        out.flush();
        return 0;
    }
}
