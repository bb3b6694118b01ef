package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.io.AtomicFiles;
import dev.shadowdev.devfs.resource.Sizes;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code shadowdev image}: write a workload image file (ABI.md section 2) from flags. */
@Command(name = "image", description = "Write a workload image file (needs, op and a payload).",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev image --name demo --cores 1 --memory 64MiB --dma-channels 1 \\",
        "      --op xor8 --op-arg 255 -o demo.img"})
final class ImageCommand implements Callable<Integer>
{
    /** Largest payload this command writes. */
    static final int MAX_PAYLOAD = 64 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, description = "Image name, at most 31 bytes.")
    String name;

    @Option(names = "--cores", defaultValue = "1", description = "Cores needed (>= 1). Default ${DEFAULT-VALUE}.")
    long cores;

    @Option(names = "--memory", defaultValue = "1MiB",
        description = "Memory needed, >= the image size: bytes or 4MiB, 1GiB. Default ${DEFAULT-VALUE}.")
    String memory;

    @Option(names = "--bus-replicators", defaultValue = "0", description = "Bus replicators needed.")
    long busReplicators;

    @Option(names = "--semaphores", defaultValue = "0", description = "Semaphores needed.")
    long semaphores;

    @Option(names = "--dma-channels", defaultValue = "1", description = "DMA channels needed (>= 1).")
    long dmaChannels;

    @Option(names = "--op", defaultValue = "echo", description = "echo, crc32c or xor8. Default ${DEFAULT-VALUE}.")
    String op;

    @Option(names = "--op-arg", defaultValue = "0",
        description = "The op's argument, decimal or 0x hex (xor8 uses its low byte).")
    String opArg;

    @Option(names = "--payload-size", defaultValue = "0",
        description = "Bytes of (patterned) program payload after the header, bytes or 64KiB.")
    String payloadSize;

    @Option(names = { "-o", "--output" }, required = true, description = "The image file to write.")
    Path output;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final String problem = check();
        if (problem != null)
        {
            err.println("image: " + problem);
            return ShadowdevCli.EXIT_USAGE;
        }
        final long payload = Sizes.parse(payloadSize);
        final byte[] program = new byte[(int)payload];
        for (int i = 0; i < program.length; i++)
        {
            program[i] = (byte)(i * 31 + 7);
        }
        final byte[] image = new WorkloadImageWriter().name(name)
            .needs(cores, Sizes.parse(memory), busReplicators, semaphores, dmaChannels)
            .op(opId(op)).opArg((int)Long.decode(opArg).longValue()).payload(program).toBytes();
        AtomicFiles.write(output, image);
        spec.commandLine().getOut().println("image: wrote " + output + ": bytes=" + image.length + " op=" + op);
        return 0;
    }

    /** @return the first problem with the flags, or {@code null}. */
    private String check()
    {
        final int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes == 0 || nameBytes > WorkloadImageDescriptor.MAX_NAME_BYTES)
        {
            return "bad name, want 1 to " + WorkloadImageDescriptor.MAX_NAME_BYTES + " bytes: bytes=" + nameBytes;
        }
        if (cores < 1)
        {
            return "must be >= 1: cores=" + cores;
        }
        if (dmaChannels < 1)
        {
            return "must be >= 1: dma_channels=" + dmaChannels;
        }
        if (busReplicators < 0 || semaphores < 0)
        {
            return "must be >= 0: bus_replicators=" + busReplicators + " semaphores=" + semaphores;
        }
        if (opId(op) < 0)
        {
            return "unknown op, want echo, crc32c or xor8: op=" + op;
        }
        try
        {
            final long arg = Long.decode(opArg);
            if (arg < 0 || arg > 0xFFFF_FFFFL)
            {
                return "bad op argument, want a u32: op_arg=" + opArg;
            }
        }
        catch (final NumberFormatException ex)
        {
            return "bad op argument, want a u32: op_arg=" + opArg;
        }
        final long payload = Sizes.parse(payloadSize);
        if (payload < 0 || payload > MAX_PAYLOAD)
        {
            return "bad payload size, want 0 to " + Sizes.format(MAX_PAYLOAD) + ": payload_size=" + payloadSize;
        }
        final long needMemory = Sizes.parse(memory);
        if (needMemory < 0)
        {
            return "bad size: memory=" + memory;
        }
        final long imageSize = WorkloadImageDescriptor.HEADER_LENGTH + payload;
        if (needMemory < imageSize)
        {
            return "memory smaller than the image: memory=" + needMemory + " image=" + imageSize;
        }
        return null;
    }

    private static int opId(final String op)
    {
        switch (op)
        {
            case "echo":
                return WorkloadOp.ECHO;
            case "crc32c":
                return WorkloadOp.CRC32C;
            case "xor8":
                return WorkloadOp.XOR8;
            default:
                return -1;
        }
    }
}
