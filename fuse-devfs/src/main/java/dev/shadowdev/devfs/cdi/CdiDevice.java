package dev.shadowdev.devfs.cdi;

import java.nio.file.Path;

/**
 * One CDI device: a shadow node made available to containers as {@code <kind>=<name>}.
 *
 * @param name     the CDI device name, the partition's name.
 * @param hostPath the node file on the host, {@code <mount>/accel/accel<minor>}.
 */
public record CdiDevice(String name, Path hostPath)
{
}
