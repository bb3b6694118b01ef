package dev.shadowdev.firmware.dbc;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.dbc.DbcRequestDescriptor;
import dev.shadowdev.dbc.DbcResponseDescriptor;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.mhi.InterruptHandler;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.ProblemListener;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.wire.WireError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Serves EXECUTE requests on the DMA bridge channels: owns the queue binding of each DBC and processes the request
 * queues the host rings, as described in the {@link dev.shadowdev.firmware.dbc package} comment.
 * <p>
 * Runs on the device thread: {@link #doWork()} from the card's duty cycle, the bind/unbind calls from the QSM
 * control service on the same thread. {@link #doWork()}, {@link #ignoreDoorbells()} and {@link #deferDoorbells()}
 * allocate nothing and throw nothing. The counters may be read from any thread.
 */
public final class DbcEngine
{
    /** Generations wrap at 16 bits: they travel in the upper half of an ACTIVATE answer's dbc_id. */
    public static final int GENERATION_MASK = 0xFFFF;

    /** Most request elements served on one DBC per pass, so one busy DBC cannot starve the others. */
    public static final int BATCH = 64;
    /** Fewest elements a queue may have (one slot always stays empty). */
    public static final int MIN_QUEUE_ELEMENTS = 2;
    /** Most elements a queue may have. */
    public static final int MAX_QUEUE_ELEMENTS = 1 << 16;
    /** The cmd bits an EXECUTE element must carry. */
    public static final int REQUIRED_CMD = DbcRequestDescriptor.CMD_INBOUND | DbcRequestDescriptor.CMD_OUTBOUND |
        DbcRequestDescriptor.CMD_GEN_COMPLETION;

    public static final String BAD_QUEUE_SIZE = "bad dbc queue size: req_q_size=%d rsp_q_size=%d min=%d max=%d";
    public static final String BAD_REQ_QUEUE = "dbc request queue outside host memory: req_q_addr=0x%x req_q_size=%d";
    public static final String BAD_RSP_QUEUE = "dbc response queue outside host memory: rsp_q_addr=0x%x rsp_q_size=%d";
    public static final String QUEUES_OVERLAP = "dbc queues overlap: req_q_addr=0x%x rsp_q_addr=0x%x";
    public static final String BAD_BUF_LEN = "bad dbc buf_len: buf_len=%d";
    public static final String BAD_DBC = "dbc outside the register window: dbc=%d max=%d";
    public static final String BAD_CMD = "bad dbc request cmd: dbc=%d req_id=%d cmd=0x%02x";
    public static final String BAD_LEN = "dbc request too long: dbc=%d req_id=%d len=%d buf_len=%d";
    public static final String BAD_SRC = "dbc request src outside host memory: dbc=%d req_id=%d src_addr=0x%x len=%d";
    public static final String BAD_DEST =
        "dbc request dest outside host memory: dbc=%d req_id=%d dest_addr=0x%x capacity=%d";
    public static final String BAD_DB_LEN = "bad dbc request db_len: dbc=%d req_id=%d db_len=%d";
    public static final String BAD_DB = "dbc request db outside host memory: dbc=%d req_id=%d db_addr=0x%x";
    public static final String REFUSED = "dbc request refused: dbc=%d req_id=%d errno=%d";
    public static final String BAD_REQ_TAIL = "bad dbc doorbell: dbc=%d req_tail=%d req_q_size=%d";
    public static final String BAD_RSP_HEAD = "bad dbc doorbell: dbc=%d rsp_head=%d rsp_q_size=%d";
    public static final String UNBOUND = "doorbell on unbound dbc: dbc=%d";

    private static final Logger LOG = LoggerFactory.getLogger(DbcEngine.class);
    private static final int EINVAL = Errno.EINVAL.value();
    private static final int NO_LENGTH = -1;

    private final Firmware firmware;
    private final SharedRegion region;
    private final MhiRegisters registers;
    private final ByteBuffer view;
    private final DbcQueues[] bindings = new DbcQueues[DbcRegs.DBC_COUNT];
    /** Per DBC: the generation of its current binding, and the one its next binding gets. */
    private final int[] generations = new int[DbcRegs.DBC_COUNT];
    private final int[] binds = new int[DbcRegs.DBC_COUNT];
    private final WireError error = new WireError();
    private volatile ProblemListener problems = ProblemListener.NONE;
    private int pending;
    private volatile long served;
    private volatile long refused;
    private volatile long ignoredDoorbells;
    private volatile long badDoorbells;
    private volatile long interrupts;

    /**
     * @param firmware  the model that executes the requests.
     * @param region    host memory: queues and data buffers.
     * @param registers the DBC register window and the interrupt line.
     */
    public DbcEngine(final Firmware firmware, final SharedRegion region, final MhiRegisters registers)
    {
        this.firmware = firmware;
        this.region = region;
        this.registers = registers;
        // A private view: the CRC32C kernel moves position and limit of its input buffer, which must never be the
        // region's shared buffer (the host thread indexes it at the same time).
        this.view = region.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < bindings.length; i++)
        {
            bindings[i] = new DbcQueues();
        }
    }

    /**
     * Check the queues an ACTIVATE names before anything is admitted: sizes within
     * [{@link #MIN_QUEUE_ELEMENTS}, {@link #MAX_QUEUE_ELEMENTS}], both queues wholly inside host memory and apart,
     * {@code buf_len} (the longest request input) at least 1.
     *
     * @param error receives the reason.
     * @return 0 or -EINVAL.
     */
    public int checkQueues(
        final long reqQAddr,
        final long rspQAddr,
        final int reqQSize,
        final int rspQSize,
        final int bufLen,
        final WireError error)
    {
        error.reset();
        if (reqQSize < MIN_QUEUE_ELEMENTS || reqQSize > MAX_QUEUE_ELEMENTS ||
            rspQSize < MIN_QUEUE_ELEMENTS || rspQSize > MAX_QUEUE_ELEMENTS)
        {
            return error.set(Errno.EINVAL, BAD_QUEUE_SIZE, reqQSize & 0xFFFF_FFFFL, rspQSize & 0xFFFF_FFFFL,
                MIN_QUEUE_ELEMENTS, MAX_QUEUE_ELEMENTS);
        }
        final int reqLength = reqQSize * DbcRequestDescriptor.LENGTH;
        final int rspLength = rspQSize * DbcResponseDescriptor.LENGTH;
        if (!region.contains(reqQAddr, reqLength))
        {
            return error.set(Errno.EINVAL, BAD_REQ_QUEUE, reqQAddr, reqQSize);
        }
        if (!region.contains(rspQAddr, rspLength))
        {
            return error.set(Errno.EINVAL, BAD_RSP_QUEUE, rspQAddr, rspQSize);
        }
        if (reqQAddr < rspQAddr + rspLength && rspQAddr < reqQAddr + reqLength)
        {
            return error.set(Errno.EINVAL, QUEUES_OVERLAP, reqQAddr, rspQAddr);
        }
        if (bufLen <= 0)
        {
            return error.set(Errno.EINVAL, BAD_BUF_LEN, bufLen & 0xFFFF_FFFFL);
        }
        return 0;
    }

    /**
     * Bind a DBC to its owner's queues and zero its four registers. Replaces any earlier binding of the DBC.
     *
     * @param error receives the reason.
     * @return 0 or -EINVAL (bad queues, see {@link #checkQueues}, or a DBC outside the register window).
     */
    public int bind(
        final int dbc,
        final int partitionId,
        final int handle,
        final long reqQAddr,
        final long rspQAddr,
        final int reqQSize,
        final int rspQSize,
        final int bufLen,
        final WireError error)
    {
        final int checked = checkQueues(reqQAddr, rspQAddr, reqQSize, rspQSize, bufLen, error);
        if (checked != 0)
        {
            return checked;
        }
        if (dbc < 0 || dbc >= bindings.length)
        {
            return error.set(Errno.EINVAL, BAD_DBC, dbc, bindings.length - 1);
        }
        generations[dbc] = binds[dbc];
        binds[dbc] = (binds[dbc] + 1) & GENERATION_MASK;
        registers.dbcGeneration(dbc, generations[dbc]);
        registers.dbcStore(dbc, DbcRegs.REQ_HEAD, 0);
        registers.dbcStore(dbc, DbcRegs.REQ_TAIL, 0);
        registers.dbcStore(dbc, DbcRegs.RSP_HEAD, 0);
        registers.dbcStore(dbc, DbcRegs.RSP_TAIL, 0);
        bindings[dbc].bind(
            partitionId,
            handle,
            region.offset(reqQAddr, reqQSize * DbcRequestDescriptor.LENGTH),
            reqQSize,
            region.offset(rspQAddr, rspQSize * DbcResponseDescriptor.LENGTH),
            rspQSize,
            bufLen);
        pending &= ~(1 << dbc);
        LOG.debug("dbc bound: dbc={} partition={} handle={} req_q_size={} rsp_q_size={} buf_len={}",
            dbc, partitionId, handle, reqQSize, rspQSize, bufLen);
        return 0;
    }

    /**
     * @return the generation of the DBC's current binding (0 before its first): the ACTIVATE answer carries it in
     *     its dbc_id's upper 16 bits, the host's doorbell writes carry it, and the register block drops writes of an
     *     older one (a preempted workload's session that has not heard of its preemption yet).
     */
    public int generation(final int dbc)
    {
        return generations[dbc];
    }

    /**
     * @param dbc a DBC.
     * @return true when it was bound.
     */
    public boolean unbind(final int dbc)
    {
        if (dbc < 0 || dbc >= bindings.length || !bindings[dbc].bound)
        {
            return false;
        }
        bindings[dbc].unbind();
        pending &= ~(1 << dbc);
        LOG.debug("dbc unbound: dbc={}", dbc);
        return true;
    }

    /**
     * A workload was preempted: its channel stops serving its owner's queues at once, unless the channel already
     * serves another workload's (the request that preempted it may have bound it again).
     *
     * @return true when the DBC was unbound.
     */
    public boolean unbindPreempted(final int dbc, final int partitionId, final int handle)
    {
        if (dbc < 0 || dbc >= bindings.length)
        {
            return false;
        }
        final DbcQueues b = bindings[dbc];
        return b.bound && b.partitionId == partitionId && b.handle == handle && unbind(dbc);
    }

    /**
     * Unbind every DBC of one owner (TERMINATE).
     *
     * @return how many were unbound.
     */
    public int unbindOwner(final int partitionId, final int handle)
    {
        int count = 0;
        for (int dbc = 0; dbc < bindings.length; dbc++)
        {
            final DbcQueues b = bindings[dbc];
            if (b.bound && b.partitionId == partitionId && b.handle == handle && unbind(dbc))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Unbind every DBC of a partition (partition destroyed).
     *
     * @return how many were unbound.
     */
    public int unbindPartition(final int partitionId)
    {
        int count = 0;
        for (int dbc = 0; dbc < bindings.length; dbc++)
        {
            final DbcQueues b = bindings[dbc];
            if (b.bound && b.partitionId == partitionId && unbind(dbc))
            {
                count++;
            }
        }
        return count;
    }

    /** Transport reset: unbind everything, forget deferred doorbells, zero every DBC register. */
    public void reset()
    {
        for (int dbc = 0; dbc < bindings.length; dbc++)
        {
            bindings[dbc].unbind();
            registers.dbcStore(dbc, DbcRegs.REQ_HEAD, 0);
            registers.dbcStore(dbc, DbcRegs.REQ_TAIL, 0);
            registers.dbcStore(dbc, DbcRegs.RSP_HEAD, 0);
            registers.dbcStore(dbc, DbcRegs.RSP_TAIL, 0);
        }
        registers.takeDbcDoorbells();
        pending = 0;
    }

    /**
     * @param dbc a DBC.
     * @return true when it is bound to queues.
     */
    public boolean isBound(final int dbc)
    {
        return dbc >= 0 && dbc < bindings.length && bindings[dbc].bound;
    }

    /**
     * Serve the DBCs whose doorbells rang (plus those left over from a full batch).
     *
     * @return request elements served.
     */
    public int doWork()
    {
        int due = registers.takeDbcDoorbells() | pending;
        pending = 0;
        int work = 0;
        while (due != 0)
        {
            final int dbc = Integer.numberOfTrailingZeros(due);
            due &= due - 1;
            final DbcQueues binding = bindings[dbc];
            if (!binding.bound)
            {
                ignoredDoorbells++;
                error.set(Errno.ENODEV, UNBOUND, dbc);
                told();
                continue;
            }
            work += process(dbc, binding);
        }
        return work;
    }

    /**
     * The transport is down (SYS_ERR, reset): take the doorbells and count them as ignored.
     *
     * @return 0.
     */
    public int ignoreDoorbells()
    {
        final int rung = registers.takeDbcDoorbells();
        if (rung != 0)
        {
            ignoredDoorbells += Integer.bitCount(rung);
        }
        return 0;
    }

    /** The firmware hangs: take the doorbells but keep them for the first {@link #doWork()} after it resumes. */
    public void deferDoorbells()
    {
        pending |= registers.takeDbcDoorbells();
    }

    /** @return request elements executed successfully. */
    public long served()
    {
        return served;
    }

    /** @return request elements answered with a non-zero status. */
    public long refused()
    {
        return refused;
    }

    /** @return doorbells on unbound DBCs or while the transport was down. */
    public long ignoredDoorbells()
    {
        return ignoredDoorbells;
    }

    /** @return doorbells with a REQ_TAIL or RSP_HEAD outside the queue. */
    public long badDoorbells()
    {
        return badDoorbells;
    }

    /** @return DBC interrupts raised (one per batch). */
    public long interrupts()
    {
        return interrupts;
    }

    /**
     * @param listener told of every problem the engine finds from now on on the device thread: a doorbell of an
     *                 unbound DBC, a bad REQ_TAIL or RSP_HEAD, a request element it refuses, {@code what: name=value}.
     */
    public void setProblemListener(final ProblemListener listener)
    {
        this.problems = listener;
    }

    /** The problem just set in {@link #error}: to the listener (the text is built only when one listens). */
    private void told()
    {
        final ProblemListener listener = problems;
        if (listener != ProblemListener.NONE)
        {
            listener.onProblem(error.message());
        }
    }

    private int process(final int dbc, final DbcQueues b)
    {
        final int tail = registers.dbcRead(dbc, DbcRegs.REQ_TAIL);
        if (tail < 0 || tail >= b.reqSize)
        {
            badDoorbells++;
            error.set(Errno.EINVAL, BAD_REQ_TAIL, dbc, tail, b.reqSize);
            told();
            return 0;
        }
        final int rspHead = registers.dbcRead(dbc, DbcRegs.RSP_HEAD);
        if (rspHead < 0 || rspHead >= b.rspSize)
        {
            badDoorbells++;
            error.set(Errno.EINVAL, BAD_RSP_HEAD, dbc, rspHead, b.rspSize);
            told();
            return 0;
        }
        int done = 0;
        while (b.reqHead != tail)
        {
            final int nextTail = b.rspTail + 1 == b.rspSize ? 0 : b.rspTail + 1;
            if (nextTail == rspHead)
            {
                break;
            }
            if (done == BATCH)
            {
                pending |= 1 << dbc;
                break;
            }
            final int element = b.reqBase + b.reqHead * DbcRequestDescriptor.LENGTH;
            final int reqId = DbcRequestDescriptor.reqId(view, element);
            final int status = execute(dbc, b, element, reqId);
            if (status == 0)
            {
                served++;
            }
            else
            {
                refused++;
            }
            DbcResponseDescriptor.encode(view, b.rspBase + b.rspTail * DbcResponseDescriptor.LENGTH, reqId, status);
            b.reqHead = b.reqHead + 1 == b.reqSize ? 0 : b.reqHead + 1;
            b.rspTail = nextTail;
            registers.dbcStore(dbc, DbcRegs.REQ_HEAD, b.reqHead);
            registers.dbcStore(dbc, DbcRegs.RSP_TAIL, b.rspTail);
            done++;
        }
        if (done > 0)
        {
            interrupts++;
            registers.raiseInterrupt(InterruptHandler.dbcVector(dbc));
        }
        return done;
    }

    /** @return 0 or the positive errno of why the element was not served. */
    private int execute(final int dbc, final DbcQueues b, final int element, final int reqId)
    {
        final int cmd = DbcRequestDescriptor.cmd(view, element);
        if ((cmd & REQUIRED_CMD) != REQUIRED_CMD)
        {
            return fail(BAD_CMD, dbc, reqId, cmd, 0);
        }
        final int len = DbcRequestDescriptor.len(view, element);
        if (len < 0 || len > b.bufLen)
        {
            return fail(BAD_LEN, dbc, reqId, len & 0xFFFF_FFFFL, b.bufLen);
        }
        final long srcAddr = DbcRequestDescriptor.srcAddr(view, element);
        final int src = region.offset(srcAddr, len);
        if (src == SharedRegion.OUT_OF_BOUNDS)
        {
            return fail(BAD_SRC, dbc, reqId, srcAddr, len);
        }
        final int capacity = DbcRequestDescriptor.destCapacity(view, element);
        final long destAddr = DbcRequestDescriptor.destAddr(view, element);
        final int dest = region.offset(destAddr, capacity);
        if (dest == SharedRegion.OUT_OF_BOUNDS)
        {
            return fail(BAD_DEST, dbc, reqId, destAddr, capacity & 0xFFFF_FFFFL);
        }
        final int dbLen = DbcRequestDescriptor.dbLen(view, element);
        int lengthAt = NO_LENGTH;
        if (dbLen == DbcRequestDescriptor.DB_LEN_32)
        {
            final long dbAddr = DbcRequestDescriptor.dbAddr(view, element);
            lengthAt = region.offset(dbAddr, Integer.BYTES);
            if (lengthAt == SharedRegion.OUT_OF_BOUNDS)
            {
                return fail(BAD_DB, dbc, reqId, dbAddr, 0);
            }
        }
        else if (dbLen != 0)
        {
            return fail(BAD_DB_LEN, dbc, reqId, dbLen, 0);
        }
        final int produced = firmware.execute(b.partitionId, b.handle, dbc, view, src, len, view, dest, capacity);
        if (produced < 0)
        {
            final Errno errno = Errno.fromStatus(produced);
            error.set(errno == null ? Errno.EIO : errno, REFUSED, dbc, reqId, -produced);
            told();
            return -produced;
        }
        if (lengthAt != NO_LENGTH)
        {
            view.putInt(lengthAt, produced);
        }
        return 0;
    }

    private int fail(final String template, final int dbc, final int reqId, final long a, final long b)
    {
        error.set(Errno.EINVAL, template, dbc, reqId, a, b);
        told();
        return EINVAL;
    }
}
