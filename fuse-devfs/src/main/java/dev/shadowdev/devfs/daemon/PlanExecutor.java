package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.ResizeResult;
import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a {@link Plan} through a {@link PartitionControl}, saving the state after every change, and stops at
 * the first failure. It runs in two passes: first every destroy, including the destroy half of every re-creation,
 * so that the resources are back in the global pool, and every unbind, so that the paths are free; then every
 * creation and every bind. A plan whose end state fits the card therefore never fails for want of resources half
 * way, and a cgroup path moves from one partition to another in one apply. Each step:
 * <ul>
 *     <li>destroy: PART_DESTROY (FORCE when forced), then SD_IOC_PART_DEV remove (a node already gone is fine);</li>
 *     <li>recreate: the destroy above, then the create below with the old minor;</li>
 *     <li>create: PART_CREATE (the v1 body for a fixed partition, v1.1 for an elastic one), SD_IOC_PART_DEV with the wanted minor, then the node's mode and owner (the state
 *     records the node first with its attributes unset, so a failed chmod is retried by the next plan);</li>
 *     <li>resize: PART_RESIZE (FORCE when forced) with the frees, lowering {@code min} where it shrinks and setting
 *     the new {@code max} and lending; PART_RESIZE with the creations raising {@code min} where it grows; the ID,
 *     node and minor stay;</li>
 *     <li>attach: SD_IOC_PART_DEV with the wanted minor, then mode and owner;</li>
 *     <li>chmod: mode and owner;</li>
 *     <li>detach: SD_IOC_PART_DEV remove (a node already gone is fine); the state records no minor;</li>
 *     <li>unbind: PART_BIND with UNBIND on the partition that has the path;</li>
 *     <li>bind: PART_BIND on the partition's ID as the state has it by then (so after its creation).</li>
 * </ul>
 * A partition created without a node ({@code node = false}) gets only PART_CREATE.
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
        DaemonState start = state;
        for (final String name : plan.forget())
        {
            LOG.info("apply: forget {}: in the saved state only, not on the card and not in the config", name);
            start = start.without(name);
        }
        final Outcome outcome = new Outcome(start);
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
                    else if (pass == 0 && (step instanceof PlanStep.Recreate ||
                        step instanceof PlanStep.Resize resize && resize.shrinks()))
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
     * Pass 0 frees: destroys, the destroy half of re-creations, unbinds. Pass 1 builds: the create half of
     * re-creations, creations, attaches, detaches, mode changes, binds. Unchanged partitions count as done in pass 1.
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
        if (step instanceof PlanStep.Resize resize)
        {
            return resize(resize, pass, force, outcome);
        }
        if (step instanceof PlanStep.Unbind unbind)
        {
            if (pass == 0)
            {
                unbind(unbind, outcome);
            }
            return pass == 0;
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
            attach(attach.spec(), attach.partitionId(), attach.wantedMinor(), attach.kept(),
                outcome.drained(attach.name()), outcome);
        }
        else if (step instanceof PlanStep.Detach detach)
        {
            detachQuietly(detach.partitionId());
            final PartitionSpec spec = detach.spec();
            save(outcome, outcome.state.with(new PartitionRecord(detach.name(), detach.partitionId(),
                PartitionRecord.NO_MINOR, null, spec.min(), spec.max(), spec.lend(), detach.kept(),
                outcome.drained(detach.name()))));
        }
        else if (step instanceof PlanStep.Chmod chmod)
        {
            final PartitionRecord record = outcome.state.find(chmod.name());
            attributes.apply(chmod.minor(), chmod.to());
            save(outcome, outcome.state.with(new PartitionRecord(record.name(), record.partitionId(),
                record.minor(), chmod.to(), record.min(), record.max(), record.lend(), record.cgroups(),
                record.drained())));
        }
        else if (step instanceof PlanStep.Bind bind)
        {
            final PartitionRecord record = outcome.state.find(bind.name());
            if (record == null)
            {
                throw new NodeException(Errno.ENOENT.status(),
                    "bind: partition not in the state: name=" + bind.name() + " path=" + bind.path());
            }
            control.bind(record.partitionId(), bind.path());
            save(outcome, outcome.state.with(record.withCgroup(bind.path())));
        }
        return true;
    }

    /**
     * Pass 0: lower {@code min} where it shrinks, set the new {@code max} and lending. Pass 1: raise {@code min}
     * where it grows. The state records each call's sizes when it knows the partition (else the step's attach or
     * detach records it).
     *
     * @return true when the resize is complete after this pass.
     */
    private boolean resize(final PlanStep.Resize step, final int pass, final boolean force, final Outcome outcome)
        throws NodeException, IOException
    {
        final int forceFlag = force ? PartResizeFlyweight.FLAG_FORCE : 0;
        if (pass == 0)
        {
            if (!step.shrinks())
            {
                return false;
            }
            final int lendFlag = step.fromLend() == step.toLend() ? 0 :
                step.toLend() ? PartResizeFlyweight.FLAG_SET_LEND : PartResizeFlyweight.FLAG_CLEAR_LEND;
            resized(step, control.resize(step.partitionId(), forceFlag | lendFlag, step.firstMin(), step.toMax()),
                step.firstMin(), outcome);
            return !step.grows();
        }
        if (!step.grows())
        {
            return false;
        }
        resized(step, control.resize(step.partitionId(), forceFlag, step.toMin(), step.toMax()), step.toMin(),
            outcome);
        return true;
    }

    private void resized(final PlanStep.Resize step, final ResizeResult result, final Resources min,
        final Outcome outcome) throws IOException
    {
        if (result.preempted() > 0)
        {
            LOG.info("apply: resize {} preempted workloads: id={} preempted={}", step.name(), step.partitionId(),
                result.preempted());
        }
        final PartitionRecord record = outcome.state.find(step.name());
        if (record != null && record.partitionId() == step.partitionId())
        {
            save(outcome, outcome.state.with(record.withSizes(min, step.toMax(), step.toLend())));
        }
    }

    private void unbind(final PlanStep.Unbind unbind, final Outcome outcome) throws NodeException, IOException
    {
        control.unbind(unbind.partitionId(), unbind.path());
        final PartitionRecord record = outcome.state.find(unbind.name());
        if (record != null && record.partitionId() == unbind.partitionId() && record.cgroups().contains(unbind.path()))
        {
            save(outcome, outcome.state.with(record.withoutCgroup(unbind.path())));
        }
    }

    private void destroy(final String name, final int partitionId, final boolean force, final Outcome outcome)
        throws NodeException, IOException
    {
        control.destroy(partitionId, force);
        detachQuietly(partitionId);
        final PartitionRecord record = outcome.state.find(name);
        if (record != null && record.partitionId() == partitionId)
        {
            save(outcome, outcome.state.without(name));
        }
    }

    /** SD_IOC_PART_DEV remove; a node already gone (ENOENT, ENODEV) is fine. */
    private void detachQuietly(final int partitionId) throws NodeException
    {
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
    }

    private void create(final PartitionSpec spec, final int wantedMinor, final Outcome outcome)
        throws NodeException, IOException
    {
        final int partitionId = spec.elastic() ? control.create(spec.name(), spec.min(), spec.max(), spec.lend()) :
            control.create(spec.name(), spec.resources());
        final boolean drained = outcome.drained(spec.name()) && cordonAgain(spec.name(), partitionId);
        if (!spec.shadowNode())
        {
            save(outcome, outcome.state.with(new PartitionRecord(spec.name(), partitionId, PartitionRecord.NO_MINOR,
                null, spec.min(), spec.max(), spec.lend(), List.of(), drained)));
            return;
        }
        attach(spec, partitionId, wantedMinor, List.of(), drained, outcome);
    }

    /**
     * Cordon a partition drained before it was made again (a restart, a reset, a re-creation), before any use.
     *
     * @return true once cordoned; false on a card without PART_DRAIN (EINVAL, logged: it stays uncordoned).
     */
    private boolean cordonAgain(final String name, final int partitionId) throws NodeException
    {
        LOG.info("apply: cordon {} again: it was drained (shadowdev drain {} --undo lifts it)", name, name);
        try
        {
            control.drain(partitionId, false, PartDrainFlyweight.GRACE_NEVER);
            return true;
        }
        catch (final NodeException ex)
        {
            if (ex.status() != Errno.EINVAL.status())
            {
                throw ex;
            }
            LOG.warn("apply: cannot cordon {} again: the card does not drain partitions: {}", name, ex.getMessage());
            return false;
        }
    }

    private void attach(final PartitionSpec spec, final int partitionId, final int wantedMinor,
        final List<String> kept, final boolean drained, final Outcome outcome) throws NodeException, IOException
    {
        final int minor = control.attachNode(partitionId, wantedMinor);
        if (wantedMinor != PartitionControl.ANY_MINOR && minor != wantedMinor)
        {
            LOG.warn("apply: node of {} got another minor than saved: wanted={} minor={}",
                spec.name(), wantedMinor, minor);
        }
        save(outcome, outcome.state.with(new PartitionRecord(
            spec.name(), partitionId, minor, null, spec.min(), spec.max(), spec.lend(), kept, drained)));
        final NodeMode node = spec.node();
        attributes.apply(minor, node);
        save(outcome, outcome.state.with(new PartitionRecord(
            spec.name(), partitionId, minor, node, spec.min(), spec.max(), spec.lend(), kept, drained)));
    }

    private void save(final Outcome outcome, final DaemonState next) throws IOException
    {
        store.save(next);
        outcome.state = next;
    }

    /** The state as saved so far within one step, so a failure mid-step reports what was really saved. */
    private static final class Outcome
    {
        /** The state as the apply began: what was cordoned stays cordoned. */
        final DaemonState initial;
        DaemonState state;

        Outcome(final DaemonState state)
        {
            this.initial = state;
            this.state = state;
        }

        /** @return whether the partition {@code name} was cordoned ({@code shadowdev drain}) as the apply began. */
        boolean drained(final String name)
        {
            final PartitionRecord saved = initial.find(name);
            return saved != null && saved.drained();
        }
    }
}
