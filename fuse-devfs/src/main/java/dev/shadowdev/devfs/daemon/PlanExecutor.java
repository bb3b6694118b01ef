package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.config.PartitionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a {@link Plan} through a {@link PartitionControl}, saving the state after every change, and stops at
 * the first failure. It runs in two passes: first every destroy, including the destroy half of every re-creation,
 * so that the resources are back in the global pool; then every creation. A plan whose end state fits the card
 * therefore never fails for want of resources half way. Each step:
 * <ul>
 *     <li>destroy: PART_DESTROY (FORCE when forced), then SD_IOC_PART_DEV remove (a node already gone is fine);</li>
 *     <li>recreate: the destroy above, then the create below with the old minor;</li>
 *     <li>create: PART_CREATE, SD_IOC_PART_DEV with the wanted minor, then the node's mode and owner (the state
 *     records the node first with its attributes unset, so a failed chmod is retried by the next plan);</li>
 *     <li>attach: SD_IOC_PART_DEV with the wanted minor, then mode and owner;</li>
 *     <li>chmod: mode and owner.</li>
 * </ul>
 */
public final class PlanExecutor
{
    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

    private final PartitionControl control;
    private final NodeAttributes attributes;
    private final StateStore store;

    public PlanExecutor(final PartitionControl control, final NodeAttributes attributes, final StateStore store)
    {
        this.control = control;
        this.attributes = attributes;
        this.store = store;
    }

    /**
     * @param plan  an executable plan ({@link Plan#executable()}).
     * @param state the state the plan was made from.
     * @param force destroy partitions with active workloads.
     * @return what was done; never throws for a failed step.
     * @throws IllegalArgumentException when the plan has refusals; nothing is done.
     */
    public ApplyReport execute(final Plan plan, final DaemonState state, final boolean force)
    {
        if (!plan.executable())
        {
            throw new IllegalArgumentException("apply: plan refused: " + plan.refusals().get(0));
        }
        final List<PlanStep> done = new ArrayList<>();
        final List<PlanStep> partial = new ArrayList<>();
        final Outcome outcome = new Outcome(state);
        for (int pass = 0; pass < 2; pass++)
        {
            for (final PlanStep step : plan.steps())
            {
                try
                {
                    if (run(step, pass, force, outcome))
                    {
                        done.add(step);
                        partial.remove(step);
                        LOG.debug("apply: {}", step.describe());
                    }
                    else if (pass == 0 && step instanceof PlanStep.Recreate)
                    {
                        partial.add(step);
                    }
                }
                catch (final NodeException | IOException ex)
                {
                    final String error = ex.getMessage();
                    LOG.warn("apply: failed: {}: {}", step.describe(), error);
                    final List<PlanStep> notDone = new ArrayList<>(plan.steps());
                    notDone.removeAll(done);
                    notDone.removeAll(partial);
                    notDone.remove(step);
                    partial.remove(step);
                    return new ApplyReport(done, step, error, notDone, partial, outcome.state);
                }
            }
        }
        return new ApplyReport(done, null, null, List.of(), List.of(), outcome.state);
    }

    /**
     * Pass 0 frees: destroys, and the destroy half of re-creations. Pass 1 builds: the create half of re-creations,
     * creations, attaches, mode changes. Unchanged partitions count as done in pass 1.
     *
     * @return true when the step is complete after this pass.
     */
    private boolean run(final PlanStep step, final int pass, final boolean force, final Outcome outcome)
        throws NodeException, IOException
    {
        if (step instanceof PlanStep.Destroy destroy)
        {
            if (pass == 0)
            {
                destroy(destroy.name(), destroy.partitionId(), force, outcome);
            }
            return pass == 0;
        }
        if (step instanceof PlanStep.Recreate recreate)
        {
            if (pass == 0)
            {
                destroy(recreate.name(), recreate.oldPartitionId(), force, outcome);
                return false;
            }
            create(recreate.spec(), recreate.wantedMinor(), outcome);
            return true;
        }
        if (pass == 0)
        {
            return false;
        }
        if (step instanceof PlanStep.Create create)
        {
            create(create.spec(), create.wantedMinor(), outcome);
        }
        else if (step instanceof PlanStep.Attach attach)
        {
            attach(attach.spec(), attach.partitionId(), attach.wantedMinor(), outcome);
        }
        else if (step instanceof PlanStep.Chmod chmod)
        {
            final PartitionRecord record = outcome.state.find(chmod.name());
            attributes.apply(chmod.minor(), chmod.to());
            save(outcome, outcome.state.with(new PartitionRecord(
                record.name(), record.partitionId(), record.minor(), chmod.to(), record.resources())));
        }
        return true;
    }

    private void destroy(final String name, final int partitionId, final boolean force, final Outcome outcome)
        throws NodeException, IOException
    {
        control.destroy(partitionId, force);
        try
        {
            control.detachNode(partitionId);
        }
        catch (final NodeException ex)
        {
            if (ex.status() != Errno.ENOENT.status() && ex.status() != Errno.ENODEV.status())
            {
                throw ex;
            }
        }
        final PartitionRecord record = outcome.state.find(name);
        if (record != null && record.partitionId() == partitionId)
        {
            save(outcome, outcome.state.without(name));
        }
    }

    private void create(final PartitionSpec spec, final int wantedMinor, final Outcome outcome)
        throws NodeException, IOException
    {
        final int partitionId = control.create(spec.name(), spec.resources());
        attach(spec, partitionId, wantedMinor, outcome);
    }

    private void attach(final PartitionSpec spec, final int partitionId, final int wantedMinor, final Outcome outcome)
        throws NodeException, IOException
    {
        final int minor = control.attachNode(partitionId, wantedMinor);
        if (wantedMinor != PartitionControl.ANY_MINOR && minor != wantedMinor)
        {
            LOG.warn("apply: node of {} got another minor than saved: wanted={} minor={}",
                spec.name(), wantedMinor, minor);
        }
        save(outcome, outcome.state.with(new PartitionRecord(spec.name(), partitionId, minor, null, spec.resources())));
        final NodeMode node = spec.node();
        attributes.apply(minor, node);
        save(outcome, outcome.state.with(new PartitionRecord(spec.name(), partitionId, minor, node, spec.resources())));
    }

    private void save(final Outcome outcome, final DaemonState next) throws IOException
    {
        store.save(next);
        outcome.state = next;
    }

    /** The state as saved so far within one step, so a failure mid-step reports what was really saved. */
    private static final class Outcome
    {
        DaemonState state;

        Outcome(final DaemonState state)
        {
            this.state = state;
        }
    }
}
