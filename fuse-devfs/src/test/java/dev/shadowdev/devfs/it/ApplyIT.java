package dev.shadowdev.devfs.it;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partition daemon on a running system: {@code shadowdev apply} reconciles the mounted devfs to an edited
 * config (create, destroy, recreate, leave alone), refuses a bad config or a busy partition and changes nothing.
 */
class ApplyIT
{
    @TempDir
    static Path dir;

    static MountedDevfs devfs;

    @BeforeAll
    static void mount() throws Exception
    {
        devfs = MountedDevfs.start(dir);
    }

    @AfterAll
    static void unmount()
    {
        if (devfs != null)
        {
            devfs.close();
        }
    }

    @Test
    void shouldReconcileToAnEditedConfig() throws Exception
    {
        final Path inferA = devfs.node("infer-a");
        final String original = Files.readString(dir.resolve("partitions.toml"));
        final String edited = original
            .replaceFirst("(?s)\\[\\[partition]]\\s*name = \"batch\".*?gid = 0\\s*", "")
            .replaceFirst("(?s)(name = \"train-a\"\\s*cores = )3", "$12")
            + "\n[[partition]]\nname = \"extra\"\ncores = 2\nmemory = \"1GiB\"\nbus_replicators = 1\nsemaphores = 1\n"
            + "dma_channels = 1\nmode = \"0600\"\nuid = 0\ngid = 0\n";
        final Path config = dir.resolve("edited.toml");
        Files.writeString(config, edited);

        // A bad config changes nothing and says where it is wrong.
        final Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, edited.replace("name = \"extra\"\ncores = 2", "name = \"extra\"\ncores = 0"));
        final MountedDevfs.Cli refused = devfs.cli("apply", "--config", bad.toString());
        assertEquals(2, refused.status(), refused.toString());
        assertTrue(refused.err().contains("bad.toml:") && refused.err().contains("cores"), refused.err());

        // A busy partition is not destroyed without --force.
        try (NodeClient held = NodeClient.open(devfs.node("batch")))
        {
            final WorkloadRunner runner = new WorkloadRunner(held);
            runner.load(0, DevfsIT.image(WorkloadOp.ECHO, 0, 8));
            runner.activate(0);
            final MountedDevfs.Cli busy = devfs.cli("apply", "--config", config.toString());
            assertEquals(1, busy.status(), busy.toString());
            assertEquals(List.of("batch", "infer-a", "infer-b", "train-a"), byName(), "nothing changed");
        }

        final MountedDevfs.Cli dry = devfs.cli("apply", "--dry-run", "--config", config.toString());
        assertEquals(0, dry.status(), dry.toString());
        assertTrue(dry.out().contains("dry run"), dry.out());
        assertEquals(List.of("batch", "infer-a", "infer-b", "train-a"), byName(), "a dry run changes nothing");

        final MountedDevfs.Cli applied = devfs.cli("apply", "--config", config.toString());
        assertEquals(0, applied.status(), applied.toString());
        assertEquals(List.of("extra", "infer-a", "infer-b", "train-a"), byName());
        assertEquals(inferA, devfs.node("infer-a"), "an unchanged partition keeps its node");
        assertTrue(Files.readString(attr("train-a", "resources")).startsWith("cores=2 "));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(devfs.node("extra"))));
        assertFalse(Files.exists(devfs.mount.resolve("by-name/batch"), java.nio.file.LinkOption.NOFOLLOW_LINKS));

        final MountedDevfs.Cli again = devfs.cli("apply", "--config", config.toString());
        assertEquals(0, again.status(), again.toString());
        assertTrue(again.out().contains("nothing to do"), again.out());
    }

    private static Path attr(final String name, final String attribute) throws Exception
    {
        return devfs.mount.resolve("class/accel").resolve(devfs.node(name).getFileName()).resolve(attribute);
    }

    private static List<String> byName() throws Exception
    {
        try (var stream = Files.list(devfs.mount.resolve("by-name")))
        {
            return stream.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
