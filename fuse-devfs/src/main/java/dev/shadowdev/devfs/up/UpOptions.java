package dev.shadowdev.devfs.up;

import dev.shadowdev.devfs.config.DevfsConfig;

import java.nio.file.Path;

/**
 * What {@code shadowdev up} asks a {@link DevfsMounter} for.
 *
 * @param config     the validated config: the device to emulate ({@code EmbeddedDevfs.profileOf(config)}); its
 *                   partitions are created by the CLI afterwards through the base node, not by the mounter.
 * @param mountPoint where to mount the devfs (created if missing).
 * @param traceFile  where to record the wire trace (ABI.md section 5), or {@code null} for none.
 * @param opensPerSecond sessions that may be opened per second on one shadow node or cgroup-bound partition, or 0
 *                   for the driver's default (1000)
 */
public record UpOptions(DevfsConfig config, Path mountPoint, Path traceFile, int opensPerSecond)
{
    public UpOptions(final DevfsConfig config, final Path mountPoint, final Path traceFile)
    {
        this(config, mountPoint, traceFile, 0);
    }
}
