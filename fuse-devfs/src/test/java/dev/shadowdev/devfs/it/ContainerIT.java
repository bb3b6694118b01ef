package dev.shadowdev.devfs.it;

import dev.shadowdev.devfs.it.support.BusyboxRootfs;
import dev.shadowdev.devfs.it.support.Podman;
import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Runc;
import dev.shadowdev.devfs.it.support.RuncBundle;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real containers on real shadow nodes: runc and podman (through the CDI spec {@code shadowdev cdi} writes) each
 * get one shadow node at {@code /dev/accel/accel0}, run a workload through it with the Python client (the host's
 * {@code /usr} bind-mounted read-only into a busybox rootfs), and see only their own partition.
 */
class ContainerIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String CDI_KIND = "shadowdev-it.dev/accel";

    @TempDir
    static Path dir;

    static MountedDevfs devfs;
    static Path work;

    @BeforeAll
    static void mount() throws Exception
    {
        devfs = MountedDevfs.start(dir);
        work = Files.createDirectories(dir.resolve("work"));
        Files.copy(DevfsIT.sdnode(), work.resolve("sdnode.py"));
        Files.write(work.resolve("xor.img"), DevfsIT.image(WorkloadOp.XOR8, 0xFF, 4096));
        Files.writeString(work.resolve("input"), "hello");
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
    void shouldRunAWorkloadInARuncContainerOnItsOwnPartition() throws Exception
    {
        final RuncBundle bundle = RuncBundle.create(dir.resolve("bundle"));
        pythonReady(bundle.dir().resolve("rootfs"));
        bundle.bind(devfs.node("infer-a"), "/dev/accel/accel0")
            .bindReadOnly(Path.of("/usr"), "/usr")
            .bindReadOnly(work, "/work")
            .args("/usr/bin/python3", "-B", "/work/sdnode.py", "workload", "/dev/accel/accel0", "/work/xor.img",
                "/work/input")
            .write();

        final ProcessResult result = Runc.run(bundle, Runc.newId(), TIMEOUT);

        assertEquals(0, result.exitCode(), result.describe());
        assertSeesOnly("infer-a", result.stdout());
    }

    @Test
    void shouldRunAWorkloadInAPodmanContainerGivenTheCdiDevice() throws Exception
    {
        final Path spec = Podman.RUNTIME_CDI_DIR.resolve("shadowdev-it-" + ProcessHandle.current().pid() + ".json");
        Files.createDirectories(Podman.RUNTIME_CDI_DIR);
        try
        {
            final MountedDevfs.Cli cdi = devfs.cli("cdi", "--kind", CDI_KIND, "-o", spec.toString());
            assertEquals(0, cdi.status(), cdi.toString());
            assertTrue(Files.readString(spec).contains("\"infer-b\""), Files.readString(spec));
            final Path rootfs = BusyboxRootfs.create(dir.resolve("podman-rootfs"));
            pythonReady(rootfs);

            final ProcessResult result = Podman.run(rootfs, List.of(CDI_KIND + "=infer-b"),
                List.of("-v", "/usr:/usr:ro", "-v", work + ":/work:ro"), TIMEOUT,
                "/usr/bin/python3", "-B", "/work/sdnode.py", "workload", "/dev/accel/accel0", "/work/xor.img",
                "/work/input");

            assertEquals(0, result.exitCode(), result.describe());
            assertSeesOnly("infer-b", result.stdout());
        }
        finally
        {
            Files.deleteIfExists(spec);
        }
    }

    /** The workload ran (XOR8 0xFF of "hello") on the container's node, which shows only its own partition. */
    private static void assertSeesOnly(final String partition, final String stdout)
    {
        assertTrue(stdout.contains("\"output\": \"979a939390\""), stdout);
        assertTrue(stdout.contains("\"partitions\": [\"" + partition + "\"]"), stdout);
        assertTrue(stdout.contains("\"name\": \"" + partition + "\""), stdout);
    }

    /** Make a busybox rootfs able to run the host's /usr/bin/python3 once /usr is bind-mounted in. */
    static void pythonReady(final Path rootfs) throws Exception
    {
        Files.createDirectories(rootfs.resolve("usr"));
        Files.createDirectories(rootfs.resolve("work"));
        for (final String lib : List.of("lib", "lib64"))
        {
            if (!Files.exists(rootfs.resolve(lib), java.nio.file.LinkOption.NOFOLLOW_LINKS))
            {
                Files.createSymbolicLink(rootfs.resolve(lib), Path.of("usr/" + lib));
            }
        }
        Files.createDirectories(rootfs.resolve("dev/accel"));
    }
}
