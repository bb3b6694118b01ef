package dev.shadowdev.devfs.config;

import dev.shadowdev.devfs.resource.Resources;

/**
 * One {@code [[partition]]} of the config: what to reserve and how its shadow node looks.
 *
 * @param name      the partition's name: the firmware's {@code char name[32]}, the {@code by-name/} link and the
 *                  CDI device name; 1 to 31 bytes of {@code [A-Za-z0-9._-]}, starting with a letter or digit.
 * @param resources what the partition reserves from the global pool.
 * @param node      the shadow node's mode and owner.
 */
public record PartitionSpec(String name, Resources resources, NodeMode node)
{
}
