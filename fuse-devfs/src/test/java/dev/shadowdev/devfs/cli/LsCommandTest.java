package dev.shadowdev.devfs.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code ls -l} shows memory in binary units; the attribute files it reads stay in bytes. */
class LsCommandTest
{
    @Test
    void theLongListingShowsMemoryInBinaryUnits()
    {
        final StringWriter text = new StringWriter();
        LsCommand.print(List.of(new DevfsTree.TreeNode(1, Path.of("/run/shadowdev/accel/accel1"), "infer-a", "1",
            "261:1", "cores=3 memory=7516192768 bus_replicators=7 semaphores=14 dma_channels=3",
            "cores=2 memory=7515144192 bus_replicators=7 semaphores=14 dma_channels=2", "1")), true,
            new PrintWriter(text, true));

        assertEquals(String.join("\n",
            "MINOR    DEV        PARTITION NAME                             NODE",
            "1        261:1      1         infer-a                          /run/shadowdev/accel/accel1",
            "         resources: cores=3 memory=7GiB bus_replicators=7 semaphores=14 dma_channels=3",
            "         free:      cores=2 memory=7167MiB bus_replicators=7 semaphores=14 dma_channels=2",
            "         workloads: 1",
            ""), text.toString());
    }

    @Test
    void onlyAWholeNumberOfBytesIsRewritten()
    {
        assertEquals("memory=1000B cores=1", Texts.binaryUnits("memory=1000 cores=1"));
        assertEquals("memory=0B", Texts.binaryUnits("memory=0"));
        assertEquals("memory=12x memory= -", Texts.binaryUnits("memory=12x memory= -"));
        assertEquals("-", Texts.binaryUnits("-"));
    }
}
