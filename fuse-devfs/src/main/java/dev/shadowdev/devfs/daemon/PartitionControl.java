package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.client.ResizeResult;
import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * What the daemon asks of the base node, one call per operation, exactly as a separate privileged process would
 * through the node file. {@link NodePartitionControl} speaks the node ABI over a
 * {@link dev.shadowdev.devfs.client.NodeChannel}; tests use an in-memory fake.
 */
public interface PartitionControl
{
    /** @return every partition the firmware has (PART_QUERY on the base node). */
    List<PartitionEntry> query() throws NodeException;

    /** @return what is free in the global pool (POOL_QUERY on the base node). */
    Resources globalFree() throws NodeException;

    /**
     * PART_CREATE.
     *
     * @return the new partition's ID.
     */
    int create(String name, Resources resources) throws NodeException;

    /**
     * PART_CREATE with the v1.1 body (ABI.md 6.1): reserve {@code min}, allow up to {@code max}.
     *
     * @return the new partition's ID.
     * @throws NodeException EINVAL ({@code min > max}, no core or DMA channel in {@code max}), EEXIST, ENOSPC when
     *                       the reservations would pass the card.
     */
    int create(String name, Resources min, Resources max, boolean lend) throws NodeException;

    /**
     * PART_RESIZE (ABI.md 6.1): change a live partition in place; its node, minor, sessions and running workloads
     * stay.
     *
     * @param flags {@code PartResizeFlyweight.FLAG_FORCE}, {@code FLAG_SET_LEND}, {@code FLAG_CLEAR_LEND}.
     * @return the short mask (0) and how many workloads were preempted.
     * @throws NodeException EBUSY when {@code max} would be below what it uses (without FORCE), ENOSPC when the
     *                       reservations would pass the card, ENOENT, EINVAL.
     */
    ResizeResult resize(int partitionId, int flags, Resources min, Resources max) throws NodeException;

    /**
     * PART_DRAIN (ABI.md 6.1): cordon a partition ({@code undo}: lift the cordon); after {@code graceMs}
     * ({@code PartDrainFlyweight.GRACE_NEVER}: never) its remaining workloads are preempted.
     *
     * @return its active workloads when the drain began.
     */
    int drain(int partitionId, boolean undo, int graceMs) throws NodeException;

    /** @return every partition with its reservation, limit, use, borrowing and state (PART_QUERY_EX). */
    List<PartitionEntryEx> queryEx() throws NodeException;

    /** @return the card's total (POOL_QUERY on the base node): what the reservations together may not pass. */
    Resources total() throws NodeException;

    /** PART_DESTROY; {@code force} destroys a partition with active workloads (else EBUSY). */
    void destroy(int partitionId, boolean force) throws NodeException;

    /**
     * SD_IOC_PART_DEV create: make the shadow node of a partition.
     *
     * @param wantedMinor the minor to use (restoring a saved layout), or {@link #ANY_MINOR}.
     * @return the node's minor.
     */
    int attachNode(int partitionId, int wantedMinor) throws NodeException;

    /** SD_IOC_PART_DEV remove: remove the shadow node of a partition. */
    void detachNode(int partitionId) throws NodeException;

    /**
     * PART_BIND (ABI.md 7): bind a cgroup path to a partition. Binding a path to the partition it is bound to
     * already changes nothing.
     *
     * @throws NodeException EEXIST when the path is bound to another partition, ENOENT for an unknown partition,
     *                       EINVAL or ENAMETOOLONG for a bad path.
     */
    void bind(int partitionId, String path) throws NodeException;

    /**
     * PART_BIND with UNBIND: remove a binding.
     *
     * @throws NodeException ENOENT when the partition is unknown or the path is not bound to it.
     */
    void unbind(int partitionId, String path) throws NodeException;

    /**
     * @return every binding the driver has, in its order ({@code <mount>/cgroups}). Destroying a partition drops
     *     its bindings.
     * @throws NodeException when the listing cannot be read.
     */
    List<CgroupBinding> bindings() throws NodeException;

    /** {@link #attachNode} may choose the minor. */
    int ANY_MINOR = -1;
}
