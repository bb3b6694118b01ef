package dev.shadowdev.devfs.cli;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.devfs.testing.FakeCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** resize and drain arguments, and ls with PART_QUERY_EX figures, without a card that answers them. */
class ElasticCliTest
{
    @TempDir
    Path dir;

    @Test
    void rangesAndDurationsReadAsDocumented()
    {
        assertArrayEquals(new long[] { 2, 6 }, RangeArgs.range(Resource.CORES, "2..6"));
        assertArrayEquals(new long[] { 4, 4 }, RangeArgs.range(Resource.CORES, "4"));
        assertArrayEquals(new long[] { 2L << 30, 8L << 30 }, RangeArgs.range(Resource.MEMORY, "2GiB..8GiB"));
        assertEquals("min above max: cores=6..2",
            assertThrows(IllegalArgumentException.class, () -> RangeArgs.range(Resource.CORES, "6..2")).getMessage());
        assertEquals("bad range, want N or N..M: semaphores=1..",
            assertThrows(IllegalArgumentException.class, () -> RangeArgs.range(Resource.SEMAPHORES, "1.."))
                .getMessage());
        assertEquals("bad range, want N or N..M (sizes such as 2GiB): memory=2GB",
            assertThrows(IllegalArgumentException.class, () -> RangeArgs.range(Resource.MEMORY, "2GB")).getMessage());

        assertEquals(500, RangeArgs.duration("500ms"));
        assertEquals(30_000, RangeArgs.duration("30s"));
        assertEquals(300_000, RangeArgs.duration("5m"));
        assertEquals(0, RangeArgs.duration("0s"));
        assertEquals(0xFFFF_FFFFL, RangeArgs.duration("never"));
        assertEquals("bad duration, want 500ms, 30s, 5m or never: grace=soon",
            assertThrows(IllegalArgumentException.class, () -> RangeArgs.duration("soon")).getMessage());
        assertEquals("duration too long, at most 4294967294ms: grace=71583m",
            assertThrows(IllegalArgumentException.class, () -> RangeArgs.duration("71583m")).getMessage());
        assertEquals(List.of("30s", "500ms", "5m", "never", "0s"), List.of(RangeArgs.durationText(30_000),
            RangeArgs.durationText(500), RangeArgs.durationText(300_000), RangeArgs.durationText(0xFFFF_FFFFL),
            RangeArgs.durationText(0)));
    }

    @Test
    void badArgumentsExitTwoBeforeAnyNodeIsOpened() throws Exception
    {
        final Path mount = Files.createDirectories(dir.resolve("mnt"));
        final CliRunner cli = new CliRunner(new FakeCard(16, 32L << 30, 32, 64, 16).mirror(mount), mount);

        assertEquals(2, cli.run("resize", "batch", "--cores", "6..2", "--mount", mount.toString()));
        assertEquals("resize: min above max: cores=6..2\n", cli.err());
        assertEquals(2, cli.run("resize", "batch", "--lend", "--no-lend", "--mount", mount.toString()));
        assertTrue(cli.err().contains("mutually exclusive"), cli.err());
        assertEquals(2, cli.run("drain", "batch", "--grace", "30", "--mount", mount.toString()));
        assertEquals("drain: bad duration, want 500ms, 30s, 5m or never: grace=30\n", cli.err());
    }

    @Test
    void aCardWithoutPartQueryExStillListsItsFilesAndResizeSaysWhy() throws Exception
    {
        final Path mount = Files.createDirectories(dir.resolve("mnt"));
        final FakeCard card = new FakeCard(16, 32L << 30, 32, 64, 16).mirror(mount);
        final CliRunner cli = new CliRunner(card, mount);

        assertEquals(0, cli.run("ls", "--mount", mount.toString()), cli.err());
        assertEquals("MINOR    DEV         PARTITION NAME                             NODE\n" +
            "0        261:0       -1        (base)                           " + mount.resolve("accel/accel0") + "\n",
            cli.out());
        assertEquals(1, cli.run("resize", "batch", "--cores", "2..6", "--mount", mount.toString(), "--state",
            dir.resolve("state.json").toString()));
        assertTrue(cli.err().startsWith("resize: "), cli.err());
        assertTrue(cli.err().endsWith(": name=batch\n"), cli.err());
    }

    @Test
    void lsShowsMinMaxUsedBorrowedAndStateForAPerson()
    {
        final StringWriter text = new StringWriter();
        LsCommand.print(List.of(new DevfsTree.TreeNode(1, Path.of("/m/accel/accel1"), "batch", "3", "261:1",
            "cores=2", "cores=0", "2")), List.of(), Map.of("3", new PartitionEntryEx(3, 2, "batch", 1, 0,
                Resources.of(2, 4L << 30, 4, 8, 2), Resources.of(12, 24L << 30, 24, 48, 12),
                Resources.of(7, 7516192768L, 4, 8, 3), Resources.of(5, 3L << 30, 0, 0, 1))), false,
            new PrintWriter(text, true));

        assertEquals(String.join("\n",
            "MINOR    DEV         PARTITION NAME                             NODE",
            "1        261:1       3         batch                            /m/accel/accel1",
            "         min:       cores=2 memory=4GiB bus_replicators=4 semaphores=8 dma_channels=2",
            "         max:       cores=12 memory=24GiB bus_replicators=24 semaphores=48 dma_channels=12",
            "         used:      cores=7 memory=7GiB bus_replicators=4 semaphores=8 dma_channels=3",
            "         borrowed:  cores=5 memory=3GiB bus_replicators=0 semaphores=0 dma_channels=1",
            "         state:     draining lend=false workloads=2",
            ""), text.toString());
    }
}
