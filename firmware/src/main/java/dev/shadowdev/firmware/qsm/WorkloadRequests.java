package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.firmware.dbc.DbcEngine;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.firmware.model.WorkloadInfo;
import dev.shadowdev.wire.ActivateToDevFlyweight;
import dev.shadowdev.wire.DeactivateToDevFlyweight;
import dev.shadowdev.wire.TerminateToDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload requests of the QSM service: ACTIVATE (admit through the model, then bind the DBC's queues in the
 * {@link DbcEngine}), DEACTIVATE and TERMINATE (release through the model, then unbind, and drop split transfers
 * of the owner). Each serves one verified transaction for the message header's (partition ID, handle) and appends
 * exactly one answer. Called from the {@link QsmControlAdapter}'s dispatch on the device thread.
 */
final class WorkloadRequests
{
    static final String TERMINATE_HANDLE_MISMATCH = "terminate handle mismatch: handle=%d header_handle=%d";
    static final String BAD_RESERVED = "bad reserved field: type=0x%x value=0x%x";
    static final String BAD_ACTIVATE_OPTIONS = "bad activate options: options=0x%x";

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadRequests.class);

    private final Firmware firmware;
    private final DbcEngine engine;
    private final DmaXferService dmaXfer;
    private final WireResponseWriter writer;
    private final QsmErrors errors;
    private final WireError error = new WireError();
    private final ActivateToDevFlyweight activate = new ActivateToDevFlyweight();
    private final DeactivateToDevFlyweight deactivate = new DeactivateToDevFlyweight();
    private final TerminateToDevFlyweight terminate = new TerminateToDevFlyweight();

    WorkloadRequests(
        final Firmware firmware,
        final DbcEngine engine,
        final DmaXferService dmaXfer,
        final WireResponseWriter writer,
        final QsmErrors errors)
    {
        this.firmware = firmware;
        this.engine = engine;
        this.dmaXfer = dmaXfer;
        this.writer = writer;
        this.errors = errors;
    }

    void onActivate(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        activate.wrap(buffer, offset);
        final int options = activate.options();
        if ((options & ~ActivateToDevFlyweight.OPTIONS_SLOT_MASK) != 0)
        {
            refuseActivate(error.set(Errno.EINVAL, BAD_ACTIVATE_OPTIONS, options & 0xFFFF_FFFFL), 0);
            return;
        }
        final long reqQAddr = activate.reqQAddr();
        final long rspQAddr = activate.rspQAddr();
        final int reqQSize = activate.reqQSize();
        final int rspQSize = activate.rspQSize();
        final int bufLen = activate.bufLen();
        final int checked = engine.checkQueues(reqQAddr, rspQAddr, reqQSize, rspQSize, bufLen, error);
        if (checked != 0)
        {
            refuseActivate(checked, 0);
            return;
        }
        final WorkloadInfo workload;
        try
        {
            workload = firmware.activate(partitionId, handle, activate.slot());
        }
        catch (final FirmwareException ex)
        {
            errors.refused(ex.getMessage());
            writer.appendActivate(ex.status(), 0, carriesMask(ex.errno()) ? ex.shortMask() : 0);
            return;
        }
        final int dbc = workload.dbcId();
        final int bound = engine.bind(dbc, partitionId, handle, reqQAddr, rspQAddr, reqQSize, rspQSize, bufLen, error);
        if (bound != 0)
        {
            undoActivate(partitionId, handle, dbc);
            refuseActivate(bound, 0);
            return;
        }
        // The binding's generation rides in dbc_id's upper 16 bits (the driver strips it): doorbells carry it.
        writer.appendActivate(0, dbc | engine.generation(dbc) << 16, workload.coreMask());
    }

    void onDeactivate(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        deactivate.wrap(buffer, offset);
        final int dbc = deactivate.dbcId();
        final int padding = buffer.getInt(offset + DeactivateToDevFlyweight.PADDING_OFFSET);
        if (padding != 0)
        {
            error.set(Errno.EINVAL, BAD_RESERVED, WireTypes.DEACTIVATE_TO_DEV, padding & 0xFFFF_FFFFL);
            errors.refused(error.message());
            writer.appendDeactivate(Errno.EINVAL.status(), dbc);
            return;
        }
        try
        {
            firmware.deactivate(partitionId, handle, dbc);
            engine.unbind(dbc);
            writer.appendDeactivate(0, dbc);
        }
        catch (final FirmwareException ex)
        {
            errors.refused(ex.getMessage());
            writer.appendDeactivate(ex.status(), dbc);
        }
    }

    void onTerminate(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        terminate.wrap(buffer, offset);
        final int bodyHandle = terminate.handle();
        if (bodyHandle != handle)
        {
            errors.refuse(writer, WireTypes.TERMINATE_TO_DEV, error.set(Errno.EACCES, TERMINATE_HANDLE_MISMATCH,
                bodyHandle & 0xFFFF_FFFFL, handle & 0xFFFF_FFFFL), error.message());
            return;
        }
        if (!reservedIsZero(buffer, offset + TerminateToDevFlyweight.PADDING_OFFSET, WireTypes.TERMINATE_TO_DEV))
        {
            return;
        }
        try
        {
            final int freed = firmware.terminate(partitionId, handle);
            final int unbound = engine.unbindOwner(partitionId, handle);
            final int dropped = dmaXfer.dropOwner(partitionId, handle);
            LOG.debug("terminated: partition={} handle={} workloads={} dbcs={} chunks={}",
                partitionId, handle, freed, unbound, dropped);
            writer.appendTerminate(0);
        }
        catch (final FirmwareException ex)
        {
            errors.refuse(writer, WireTypes.TERMINATE_TO_DEV, ex);
        }
    }

    private void undoActivate(final int partitionId, final int handle, final int dbc)
    {
        try
        {
            firmware.deactivate(partitionId, handle, dbc);
        }
        catch (final FirmwareException ex)
        {
            LOG.warn("activate undo refused: dbc_id={} reason={}", dbc, ex.getMessage());
        }
    }

    private void refuseActivate(final int status, final long options)
    {
        errors.refused(error.message());
        writer.appendActivate(status, 0, options);
    }

    /** @return true when the reserved word at {@code index} is 0, else the transaction is refused with EINVAL. */
    /** @return whether an ACTIVATE refused with {@code errno} carries the short mask: ENOSPC, and EDQUOT (ABI.md 6). */
    static boolean carriesMask(final Errno errno)
    {
        return errno == Errno.ENOSPC || errno == Errno.EDQUOT;
    }

    boolean reservedIsZero(final WireBuffer buffer, final int index, final int type)
    {
        final int value = buffer.getInt(index);
        if (value == 0)
        {
            return true;
        }
        errors.refuse(writer, type, error.set(Errno.EINVAL, BAD_RESERVED, type, value & 0xFFFF_FFFFL), error.message());
        return false;
    }
}
