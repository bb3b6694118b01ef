package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.config.DevfsConfig;

import java.io.IOException;

/**
 * The privileged daemon of the design: reconciles the card to a config through the base node. {@link #plan} asks
 * the card (PART_QUERY, POOL_QUERY) and reads the saved state, changing nothing; {@link #execute} acts on a plan.
 * The first start, a restart after a reset (same minors, from the state) and an {@code apply} of an edited config
 * are all the same two calls.
 */
public final class PartitionDaemon
{
    private final PartitionControl control;
    private final StateStore store;
    private final PlanExecutor executor;

    public PartitionDaemon(final PartitionControl control, final NodeAttributes attributes, final StateStore store)
    {
        this.control = control;
        this.store = store;
        this.executor = new PlanExecutor(control, attributes, store);
    }

    /**
     * @param config the wanted partitions.
     * @param force  plan to destroy or recreate partitions with active workloads.
     * @return the plan; print it with {@link Plan#render()}.
     * @throws NodeException when the card cannot be asked.
     * @throws IOException   when the saved state cannot be read.
     */
    public Plan plan(final DevfsConfig config, final boolean force) throws NodeException, IOException
    {
        final DaemonState state = store.load();
        return Planner.plan(config, control.query(), control.globalFree(), state, force);
    }

    /**
     * @param plan  from {@link #plan}, executable.
     * @param force as given to {@link #plan}.
     * @return what was done.
     * @throws IOException when the saved state cannot be read; nothing is done then.
     */
    public ApplyReport execute(final Plan plan, final boolean force) throws IOException
    {
        return executor.execute(plan, store.load(), force);
    }
}
