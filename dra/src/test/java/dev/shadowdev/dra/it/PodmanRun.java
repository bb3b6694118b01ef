package dev.shadowdev.dra.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A podman container on a busybox rootfs that can run the host's python3 (/usr bind-mounted read-only), with CDI
 * devices, as fuse-devfs's ContainerIT runs one.
 */
final class PodmanRun
{
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private PodmanRun()
    {
    }

    /** Fill {@code rootfs} with busybox and its applets, and the directories python and the devices need. */
    static Path rootfs(final Path rootfs) throws IOException, InterruptedException
    {
        final Path bin = Files.createDirectories(rootfs.resolve("bin"));
        for (final String dir : List.of("dev/accel", "proc", "sys", "tmp", "etc", "run", "usr", "work"))
        {
            Files.createDirectories(rootfs.resolve(dir));
        }
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
        final Processes.Result list = Processes.run(List.of(BUSYBOX.toString(), "--list"), Duration.ofSeconds(10));
        for (final String applet : list.stdout().split("\n"))
        {
            final String name = applet.strip();
            if (!name.isEmpty() && !"busybox".equals(name) && !Files.exists(bin.resolve(name), LinkOption.NOFOLLOW_LINKS))
            {
                Files.createSymbolicLink(bin.resolve(name), Path.of("busybox"));
            }
        }
        for (final String lib : List.of("lib", "lib64"))
        {
            Files.createSymbolicLink(rootfs.resolve(lib), Path.of("usr/" + lib));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/:/bin/sh\n");
        return rootfs;
    }

    /** {@code podman run --rm ... --device D ... -v /usr:/usr:ro -v work:/work:ro --rootfs R ARGS}. */
    static Processes.Result run(final Path rootfs, final Path work, final List<String> devices, final String... args)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("podman", "run", "--rm", "--runtime", "runc",
            "--cgroup-manager=cgroupfs", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
            "--network", "none"));
        for (final String device : devices)
        {
            command.add("--device");
            command.add(device);
        }
        command.addAll(List.of("-v", "/usr:/usr:ro", "-v", work + ":/work:ro", "--rootfs", rootfs.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, Duration.ofSeconds(120));
    }
}
