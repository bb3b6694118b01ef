package dev.shadowdev.dra.plugin;

import dev.shadowdev.dra.Dra;

import java.nio.file.Path;

/**
 * Where the plugin finds the devfs and the kubelet, and where it keeps its files.
 *
 * @param mount       the devfs mount point.
 * @param baseNode    the base node, usually {@code <mount>/accel/accel0}.
 * @param nodeName    this node's name: the pool's name.
 * @param registryDir the kubelet's plugin registration directory, {@code /var/lib/kubelet/plugins_registry}.
 * @param pluginDir   the kubelet's plugin directory, {@code /var/lib/kubelet/plugins}; the DRA socket is
 *                    {@code <pluginDir>/shadowdev.dev/dra.sock}.
 * @param cdiDir      where the per-claim CDI specs go, {@code /var/run/cdi}.
 * @param stateFile   the plugin's state, {@code /var/lib/shadowdev/dra-state.json}.
 * @param resyncMs    how often the card is read to republish the slices when its partitions changed.
 */
public record PluginOptions(Path mount, Path baseNode, String nodeName, Path registryDir, Path pluginDir, Path cdiDir,
    Path stateFile, long resyncMs)
{
    public static final Path DEFAULT_REGISTRY_DIR = Path.of("/var/lib/kubelet/plugins_registry");
    public static final Path DEFAULT_PLUGIN_DIR = Path.of("/var/lib/kubelet/plugins");
    public static final Path DEFAULT_CDI_DIR = Path.of("/var/run/cdi");
    public static final Path DEFAULT_STATE = Path.of("/var/lib/shadowdev/dra-state.json");

    /** @return the registration socket: {@code <registryDir>/shadowdev.dev-reg.sock}. */
    public Path registrationSocket()
    {
        return registryDir.resolve(Dra.DRIVER + "-reg.sock");
    }

    /** @return the DRA socket: {@code <pluginDir>/shadowdev.dev/dra.sock}. */
    public Path draSocket()
    {
        return pluginDir.resolve(Dra.DRIVER).resolve("dra.sock");
    }
}
