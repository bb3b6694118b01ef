package dev.shadowdev.devfs.cdi;

import java.nio.file.Path;

/**
 * One CDI device: a shadow node made available to containers as {@code <kind>=<name>}.
 *
 * @param name     the CDI device name, the partition's name ({@code cgroup} for the shared node).
 * @param hostPath the node file on the host, {@code <mount>/accel/accel<minor>} ({@code <mount>/accel/cgroup}).
 */
public record CdiDevice(String name, Path hostPath)
{
}
