package dev.shadowdev.devfs.it;

import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Runc;
import dev.shadowdev.devfs.it.support.RuncBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The runc harness against a real runc: a host file bind-mounted where a container expects its device node. */
class RuncHarnessIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldShowAHostFileAtDevAccelAccel0() throws Exception
    {
        final Path node = dir.resolve("accel1");
        Files.writeString(node, "partition 7 says hello\n");
        final RuncBundle bundle = RuncBundle.create(dir.resolve("bundle"))
            .bind(node, "/dev/accel/accel0")
            .args("/bin/cat", "/dev/accel/accel0")
            .write();

        final ProcessResult result = Runc.run(bundle, Runc.newId(), TIMEOUT);

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("partition 7 says hello\n", result.stdout());
    }

    @Test
    void shouldReportTheExitStatusAndWriteThroughTheBindMount() throws Exception
    {
        final Path node = dir.resolve("accel2");
        Files.writeString(node, "");
        final RuncBundle bundle = RuncBundle.create(dir.resolve("bundle"))
            .bind(node, "/dev/accel/accel0")
            .args("/bin/sh", "-c", "echo from-container > /dev/accel/accel0; touch /bin/x 2>/dev/null; exit 3")
            .write();

        final ProcessResult result = Runc.run(bundle, Runc.newId(), TIMEOUT);

        assertEquals(3, result.exitCode(), result.describe());
        assertEquals("from-container\n", Files.readString(node));
        assertFalse(Files.exists(bundle.dir().resolve("rootfs/bin/x")), "the rootfs must be read-only");
    }
}
