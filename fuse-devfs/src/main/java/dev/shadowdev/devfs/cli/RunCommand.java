package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code shadowdev run NODE --image FILE --input FILE}: load, activate, execute once, deactivate. */
@Command(name = "run", description = "Run a workload image once on a node with the given input.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev run infer-a --image demo.img --input input"})
final class RunCommand implements Callable<Integer>
{
    @ParentCommand
    ShadowdevCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE",
        description = "A node path, accel<minor>, a minor, or a partition name (by-name/).")
    String node;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = "--image", required = true, description = "The workload image (see 'shadowdev image').")
    Path image;

    @Option(names = "--input", required = true, description = "The input bytes for EXECUTE.")
    Path input;

    @Option(names = { "-o", "--output" }, description = "Write the output here (raw) instead of hex on stdout.")
    Path output;

    @Option(names = "--chunk", defaultValue = "65496", description = "Image bytes per DMA_XFER, at most 65496.")
    int chunk;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final byte[] imageBytes;
        final byte[] inputBytes;
        try
        {
            imageBytes = Files.readAllBytes(image);
            inputBytes = Files.readAllBytes(input);
        }
        catch (final IOException ex)
        {
            err.println("run: cannot read: " + ex);
            return ShadowdevCli.EXIT_USAGE;
        }
        if (chunk < 1 || chunk > WorkloadRunner.MAX_CHUNK)
        {
            err.println("run: bad chunk size: chunk=" + chunk + " max=" + WorkloadRunner.MAX_CHUNK);
            return ShadowdevCli.EXIT_USAGE;
        }
        final Path path = new DevfsTree(mount).resolve(node);
        try (NodeClient client = parent.opener().open(path))
        {
            final WorkloadRunner.Result result = new WorkloadRunner(client, chunk).run(imageBytes, inputBytes);
            err.println("run: " + path + ": loaded in " + result.loadMessages() + " message(s), dbc=" +
                result.activation().dbcId() + " cores=" + Texts.cores(result.activation().coreMask()) +
                " output=" + result.output().length + " bytes");
            if (output != null)
            {
                AtomicFiles.write(output, result.output());
            }
            else
            {
                out.println(Texts.hex(result.output()));
            }
            return 0;
        }
        catch (final NodeException ex)
        {
            err.println("run: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        catch (final IOException ex)
        {
            err.println("run: cannot write the output: " + ex);
            return ShadowdevCli.EXIT_FAILED;
        }
    }
}
