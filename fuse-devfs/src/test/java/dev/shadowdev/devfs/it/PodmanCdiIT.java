package dev.shadowdev.devfs.it;

import dev.shadowdev.devfs.cdi.CdiDevice;
import dev.shadowdev.devfs.cdi.CdiSpecWriter;
import dev.shadowdev.devfs.it.support.BusyboxRootfs;
import dev.shadowdev.devfs.it.support.Podman;
import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Runc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A CDI spec written by {@link CdiSpecWriter}, read by a real podman: the device appears at /dev/accel/accel0. */
class PodmanCdiIT
{
    @TempDir
    Path dir;

    @Test
    void shouldInjectTheNodeNamedByACdiDevice() throws Exception
    {
        assertTrue(Podman.installed(), "podman is not installed: run scripts/setup-host");
        final Path node = dir.resolve("accel3");
        Files.writeString(node, "cdi device infer-a\n");
        final Path rootfs = BusyboxRootfs.create(dir.resolve("rootfs"));
        final String kind = "shadowdev.dev/accel-it" + Runc.newId().substring("shadowdev-it-".length(), 21);
        final Path spec = Podman.RUNTIME_CDI_DIR.resolve(kind.replace('/', '_') + ".json");
        try
        {
            CdiSpecWriter.write(spec, kind, List.of(new CdiDevice("infer-a", node)));

            final ProcessResult result = Podman.run(rootfs, List.of(kind + "=infer-a"), Duration.ofSeconds(120),
                "/bin/cat", "/dev/accel/accel0");

            assertEquals(0, result.exitCode(), result.describe());
            assertEquals("cdi device infer-a\n", result.stdout());
        }
        finally
        {
            Files.deleteIfExists(spec);
        }
    }
}
