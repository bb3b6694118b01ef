package dev.shadowdev.dra.cli;

import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.dra.plugin.KubeletPlugin;
import dev.shadowdev.dra.plugin.PluginOptions;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code shadowdev dra plugin}: run the kubelet plugin beside a running devfs until SIGTERM/SIGINT. The API server
 * is the one of the kubeconfig ($KUBECONFIG, ~/.kube/config) or of the pod's service account, unless
 * {@code --kube-api} names one.
 */
@Command(name = "plugin", description = "Run the DRA kubelet plugin beside a running devfs.")
final class PluginCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = Path.of("/run/shadowdev");

    @Option(names = "--base-node", description = "The base node. Default <mount>/accel/accel0.")
    Path baseNode;

    @Option(names = "--node", description = "The node name (the pool). Default $NODE_NAME, else the host name.")
    String node = DraCli.defaultNodeName();

    @Option(names = "--registry-dir", description = "The kubelet's plugin registration directory. Default " +
        "/var/lib/kubelet/plugins_registry.")
    Path registryDir = PluginOptions.DEFAULT_REGISTRY_DIR;

    @Option(names = "--plugin-dir", description = "The kubelet's plugin directory. Default /var/lib/kubelet/plugins.")
    Path pluginDir = PluginOptions.DEFAULT_PLUGIN_DIR;

    @Option(names = "--cdi-dir", description = "Where the per-claim CDI specs go. Default /var/run/cdi.")
    Path cdiDir = PluginOptions.DEFAULT_CDI_DIR;

    @Option(names = "--state", description = "The plugin's state file. Default /var/lib/shadowdev/dra-state.json.")
    Path state = PluginOptions.DEFAULT_STATE;

    @Option(names = "--resync-ms", description = "How often the card is read for partition changes. " +
        "Default ${DEFAULT-VALUE}.")
    long resyncMs = 2000;

    @Option(names = "--kube-api", description = "The API server URL (no kubeconfig needed), e.g. for a test server.")
    String kubeApi;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (resyncMs < 100)
        {
            err.println("plugin: resync too short: resync-ms=" + resyncMs + " min=100");
            return DraCli.EXIT_USAGE;
        }
        final PluginOptions options = new PluginOptions(mount, baseNode != null ? baseNode :
            mount.resolve("accel").resolve("accel0"), node, registryDir, pluginDir, cdiDir, state, resyncMs);
        final KubernetesClientBuilder builder = new KubernetesClientBuilder();
        if (kubeApi != null)
        {
            builder.withConfig(new ConfigBuilder().withMasterUrl(kubeApi).build());
        }
        final CountDownLatch stop = new CountDownLatch(1);
        try (KubernetesClient client = builder.build(); KubeletPlugin plugin = KubeletPlugin.start(options, client))
        {
            final Thread hook = new Thread(stop::countDown, "shadowdev-dra-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            spec.commandLine().getOut().println("plugin: serving: node=" + node + " dra=" + options.draSocket() +
                " registration=" + options.registrationSocket());
            spec.commandLine().getOut().flush();
            stop.await();
            return 0;
        }
        catch (final NodeException | IOException ex)
        {
            err.println("plugin: " + ex.getMessage());
            return DraCli.EXIT_FAILED;
        }
    }
}
