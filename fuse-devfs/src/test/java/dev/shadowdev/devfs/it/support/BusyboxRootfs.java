package dev.shadowdev.devfs.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * A minimal root filesystem for containers: the static busybox at {@code /bin/busybox} with a symlink per applet
 * ({@code /bin/sh}, {@code /bin/cat}, ...) and the empty directories a runtime mounts over.
 */
public final class BusyboxRootfs
{
    /** Where the host's static busybox is (Debian's busybox-static). */
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxRootfs()
    {
    }

    /**
     * @param rootfs the directory to fill; created when missing.
     * @return {@code rootfs}.
     * @throws IOException when busybox is missing or the tree cannot be written.
     */
    public static Path create(final Path rootfs) throws IOException
    {
        if (!Files.isExecutable(BUSYBOX))
        {
            throw new IOException("busybox missing, run scripts/setup-host: path=" + BUSYBOX);
        }
        final Path bin = Files.createDirectories(rootfs.resolve("bin"));
        for (final String dir : List.of("dev", "proc", "sys", "tmp", "etc", "run"))
        {
            Files.createDirectories(rootfs.resolve(dir));
        }
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
        final ProcessResult list = Processes.run(List.of(BUSYBOX.toString(), "--list"), null, Duration.ofSeconds(10));
        if (list.exitCode() != 0)
        {
            throw new IOException("busybox --list failed: " + list.describe());
        }
        for (final String applet : list.stdout().split("\n"))
        {
            final String name = applet.strip();
            if (!name.isEmpty() && !"busybox".equals(name) && !Files.exists(bin.resolve(name),
                LinkOption.NOFOLLOW_LINKS))
            {
                Files.createSymbolicLink(bin.resolve(name), Path.of("busybox"));
            }
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n");
        return rootfs;
    }
}
