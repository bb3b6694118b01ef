package dev.shadowdev.devfs.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a container with podman 4.3 on an exploded rootfs, the way it works on this kind of machine (runc, cgroupfs,
 * explicit ulimits, no network), with CDI devices ({@code --device vendor/class=name}) from the specs in
 * {@code /etc/cdi} and {@code /var/run/cdi}.
 */
public final class Podman
{
    /** Where tests put throw-away CDI specs: read by podman, cleared at boot. */
    public static final Path RUNTIME_CDI_DIR = Path.of("/var/run/cdi");

    private Podman()
    {
    }

    /** @return true when podman is installed. */
    public static boolean installed()
    {
        return Processes.onPath("podman");
    }

    /**
     * {@code podman run --rm ... --device D ... --rootfs ROOTFS ARGS}.
     *
     * @param rootfs  the exploded root filesystem.
     * @param devices CDI device names, {@code shadowdev.dev/accel=infer-a}.
     * @param timeout how long it may run.
     * @param args    the command in the container.
     * @return how it ended.
     */
    public static ProcessResult run(
        final Path rootfs, final List<String> devices, final Duration timeout, final String... args)
        throws IOException
    {
        return run(rootfs, devices, List.of(), timeout, args);
    }

    /**
     * As {@link #run(Path, List, Duration, String...)} with extra {@code podman run} options (e.g. {@code -v}).
     */
    public static ProcessResult run(final Path rootfs, final List<String> devices, final List<String> options,
        final Duration timeout, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("podman", "run", "--rm", "--runtime", "runc",
            "--cgroup-manager=cgroupfs", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
            "--network", "none"));
        for (final String device : devices)
        {
            command.add("--device");
            command.add(device);
        }
        command.addAll(options);
        command.add("--rootfs");
        command.add(rootfs.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return Processes.run(command, null, timeout);
    }
}
