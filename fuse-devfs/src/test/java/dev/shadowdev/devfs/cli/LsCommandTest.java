package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.daemon.CgroupBinding;
import dev.shadowdev.devfs.daemon.CgroupListing;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            "MINOR    DEV         PARTITION NAME                             NODE",
            "1        261:1       1         infer-a                          /run/shadowdev/accel/accel1",
            "         resources: cores=3 memory=7GiB bus_replicators=7 semaphores=14 dma_channels=3",
            "         free:      cores=2 memory=7167MiB bus_replicators=7 semaphores=14 dma_channels=2",
            "         workloads: 1",
            ""), text.toString());
    }

    @Test
    void theListingShowsBindingsCgroupOnlyPartitionsAndTheSharedNode()
    {
        final StringWriter text = new StringWriter();
        LsCommand.print(List.of(
            new DevfsTree.TreeNode(1, Path.of("/m/accel/accel1"), "a", "4", "261:1", "cores=1", "cores=1", "0"),
            new DevfsTree.TreeNode(-1, Path.of("/m/accel/cgroup"), null, "cgroup", null, "-", "-", "-")),
            List.of(new CgroupBinding("/t/b", "b", 5), new CgroupBinding("/t/a", "a", 4),
                new CgroupBinding("/t/b/x y", "b", 5)), true, new PrintWriter(text, true));

        assertEquals(String.join("\n",
            "MINOR    DEV         PARTITION NAME                             NODE",
            "1        261:1       4         a                                /m/accel/accel1",
            "         resources: cores=1",
            "         free:      cores=1",
            "         workloads: 0",
            "         cgroups:   /t/a",
            "-        -           cgroup    (cgroup)                         /m/accel/cgroup",
            "-        -           5         b                                (cgroup only)",
            "         cgroups:   /t/b /t/b/x y",
            ""), text.toString());
    }

    @Test
    void theCgroupsListingIsSplitAtItsLastTwoSpacesAndABadLineIsNamed() throws Exception
    {
        assertEquals(List.of(new CgroupBinding("/a b/c", "tenant-a", 3), new CgroupBinding("/", "all", 12)),
            CgroupListing.parse("f", "/a b/c tenant-a 3\n/ all 12\n"));
        assertEquals(List.of(), CgroupListing.parse("f", ""));
        final IOException ex = assertThrows(IOException.class, () -> CgroupListing.parse("f", "/a x 1\n/b 2\n"));
        assertEquals("bad cgroups listing, want <path> <name> <id>: file=f line=2 text=/b 2", ex.getMessage());
        assertThrows(IOException.class, () -> CgroupListing.parse("f", "/a x one\n"));
        assertThrows(IOException.class, () -> CgroupListing.parse("f", "a x 1\n"));
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
