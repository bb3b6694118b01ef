package dev.shadowdev.devfs.client;

import dev.shadowdev.devfs.resource.Resources;

/**
 * A POOL_QUERY response (ABI.md 1.3): the pool of the node asked, the global pool on the base node.
 *
 * @param total the pool's total.
 * @param free  what is free in it now.
 */
public record PoolInfo(Resources total, Resources free)
{
}
