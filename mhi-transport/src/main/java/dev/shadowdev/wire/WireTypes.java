package dev.shadowdev.wire;

/**
 * Every transaction type of the control wire protocol (ABI.md section 3), grouped by direction like Aeron's
 * {@code ControlProtocolEvents}. Types 3..20 are qaic's ({@code QAIC_TRANS_*} in {@code uapi/drm/qaic_accel.h});
 * 0x100 and up are shadowdev extensions, TO_DEV even and FROM_DEV odd.
 * <p>
 * "TO_DEV" travels host to device (a request), "FROM_DEV" device to host (a response). The device answers every
 * request transaction with exactly one response transaction, in order: its {@link #responseTypeOf(int) response
 * type}, or {@link #RESULT_FROM_DEV} for a DMA transfer, an error on a request whose response has no status field
 * (PASSTHROUGH) and a request type it does not know. {@link WireResponseWriter#appendError(int, int)} picks the
 * right one. A message the device cannot walk at all is answered with one RESULT_FROM_DEV whose request type is
 * {@link #UNDEFINED}.
 * <p>
 * Header-only transactions (no body, length {@link WireTransactionHeaderFlyweight#HEADER_LENGTH}):
 * {@link #STATUS_TO_DEV}, {@link #PART_QUERY_TO_DEV}, {@link #POOL_QUERY_TO_DEV}.
 */
public final class WireTypes
{
    /** {@code QAIC_TRANS_UNDEFINED}: never a transaction; in a RESULT_FROM_DEV it names the whole message. */
    public static final int UNDEFINED = 0;

    // ---------------------------------------------------------------- host -> device (requests)

    /** Opaque data for the firmware; shadowdev's firmware echoes it. Body: the data, a multiple of 8 bytes. */
    public static final int PASSTHROUGH_TO_DEV = 4;
    /** Load host memory into a slot: {@link DmaXferFlyweight}. Answered by RESULT_FROM_DEV (or DMA_XFER_CONT). */
    public static final int DMA_XFER_TO_DEV = 6;
    /** Admit the image of a slot and assign a DBC: {@link ActivateToDevFlyweight}. */
    public static final int ACTIVATE_TO_DEV = 9;
    /** Protocol version and CRC flag. Header only. */
    public static final int STATUS_TO_DEV = 15;
    /** Free everything a user handle owns: {@link TerminateToDevFlyweight}. */
    public static final int TERMINATE_TO_DEV = 17;
    /** Is this partition ID valid: {@link ValidatePartitionToDevFlyweight}. */
    public static final int VALIDATE_PARTITION_TO_DEV = 20;
    /** Release a DBC: {@link DeactivateToDevFlyweight}. */
    public static final int DEACTIVATE_TO_DEV = 0x100;
    /** Carve a partition out of the global pool: {@link PartCreateFlyweight}. */
    public static final int PART_CREATE_TO_DEV = 0x102;
    /** Give a partition back: {@link PartDestroyToDevFlyweight}. */
    public static final int PART_DESTROY_TO_DEV = 0x104;
    /** List partitions. Header only. */
    public static final int PART_QUERY_TO_DEV = 0x106;
    /** The pool of the request's partition. Header only. */
    public static final int POOL_QUERY_TO_DEV = 0x108;

    // ---------------------------------------------------------------- device -> host (responses)

    /** The echoed data: {@link PassthroughFlyweight}; no status field. */
    public static final int PASSTHROUGH_FROM_DEV = 3;
    /** {@link ActivateFromDevFlyweight}. */
    public static final int ACTIVATE_FROM_DEV = 8;
    /** {@link DeactivateFromDevFlyweight}. */
    public static final int DEACTIVATE_FROM_DEV = 11;
    /** {@link StatusFromDevFlyweight}. */
    public static final int STATUS_FROM_DEV = 14;
    /** {@link TerminateFromDevFlyweight}. */
    public static final int TERMINATE_FROM_DEV = 16;
    /** Device asks for the next piece of a split DMA transfer: {@link DmaXferContFlyweight}. Alone in its message. */
    public static final int DMA_XFER_CONT = 18;
    /** {@link ValidatePartitionFromDevFlyweight}. */
    public static final int VALIDATE_PARTITION_FROM_DEV = 19;
    /** {@link PartCreateFromDevFlyweight}. */
    public static final int PART_CREATE_FROM_DEV = 0x103;
    /** {@link PartDestroyFromDevFlyweight}. */
    public static final int PART_DESTROY_FROM_DEV = 0x105;
    /** {@link PartQueryFromDevFlyweight}. */
    public static final int PART_QUERY_FROM_DEV = 0x107;
    /** {@link PoolQueryFromDevFlyweight}. */
    public static final int POOL_QUERY_FROM_DEV = 0x109;
    /** Status of a request that has no status-bearing response of its own: {@link ResultFromDevFlyweight}. */
    public static final int RESULT_FROM_DEV = 0x10B;

    /** Extension (ABI.md 6.1): PART_RESIZE, the node body unchanged ({@link PartResizeFlyweight}). */
    public static final int PART_RESIZE_TO_DEV = 0x10C;
    /** Extension: {@code i32 status, u32 reserved}, then the node PART_RESIZE response body. */
    public static final int PART_RESIZE_FROM_DEV = 0x10D;
    /** Extension (ABI.md 6.1): PART_DRAIN, the node body unchanged ({@link PartDrainFlyweight}). */
    public static final int PART_DRAIN_TO_DEV = 0x10E;
    /** Extension: {@code i32 status, u32 reserved}, then the node PART_DRAIN response body. */
    public static final int PART_DRAIN_FROM_DEV = 0x10F;
    /** Extension (ABI.md 6.1): PART_QUERY_EX, header only. */
    public static final int PART_QUERY_EX_TO_DEV = 0x110;
    /** Extension: {@code i32 status, u32 reserved, u32 n, u32 reserved}, n x {@link PartitionEntryExFlyweight}. */
    public static final int PART_QUERY_EX_FROM_DEV = 0x111;
    /**
     * Extension (ABI.md 6): a notice from the card nobody asked for, in a message of its own: a workload was
     * preempted (or a partition's drain ended); the driver fails what the workload still has pending with
     * ECANCELED and adds an event line.
     */
    public static final int PARTITION_NOTICE_FROM_DEV = 0x112;

    private WireTypes()
    {
    }

    /** @return true for a request (host -> device) type. */
    public static boolean isToDev(final int type)
    {
        switch (type)
        {
            case PASSTHROUGH_TO_DEV:
            case DMA_XFER_TO_DEV:
            case ACTIVATE_TO_DEV:
            case STATUS_TO_DEV:
            case TERMINATE_TO_DEV:
            case VALIDATE_PARTITION_TO_DEV:
            case DEACTIVATE_TO_DEV:
            case PART_CREATE_TO_DEV:
            case PART_DESTROY_TO_DEV:
            case PART_QUERY_TO_DEV:
            case POOL_QUERY_TO_DEV:
            case PART_RESIZE_TO_DEV:
            case PART_DRAIN_TO_DEV:
            case PART_QUERY_EX_TO_DEV:
                return true;
            default:
                return false;
        }
    }

    /** @return true for a response (device -> host) type. */
    public static boolean isFromDev(final int type)
    {
        switch (type)
        {
            case PASSTHROUGH_FROM_DEV:
            case ACTIVATE_FROM_DEV:
            case DEACTIVATE_FROM_DEV:
            case STATUS_FROM_DEV:
            case TERMINATE_FROM_DEV:
            case DMA_XFER_CONT:
            case VALIDATE_PARTITION_FROM_DEV:
            case PART_CREATE_FROM_DEV:
            case PART_DESTROY_FROM_DEV:
            case PART_QUERY_FROM_DEV:
            case POOL_QUERY_FROM_DEV:
            case RESULT_FROM_DEV:
            case PART_RESIZE_FROM_DEV:
            case PART_DRAIN_FROM_DEV:
            case PART_QUERY_EX_FROM_DEV:
            case PARTITION_NOTICE_FROM_DEV:
                return true;
            default:
                return false;
        }
    }

    /**
     * @param requestType a TO_DEV type.
     * @return the type that answers it on success, or {@link #UNDEFINED} when {@code requestType} is not a request.
     */
    public static int responseTypeOf(final int requestType)
    {
        switch (requestType)
        {
            case PASSTHROUGH_TO_DEV:
                return PASSTHROUGH_FROM_DEV;
            case DMA_XFER_TO_DEV:
                return RESULT_FROM_DEV;
            case ACTIVATE_TO_DEV:
                return ACTIVATE_FROM_DEV;
            case STATUS_TO_DEV:
                return STATUS_FROM_DEV;
            case TERMINATE_TO_DEV:
                return TERMINATE_FROM_DEV;
            case VALIDATE_PARTITION_TO_DEV:
                return VALIDATE_PARTITION_FROM_DEV;
            case DEACTIVATE_TO_DEV:
                return DEACTIVATE_FROM_DEV;
            case PART_CREATE_TO_DEV:
                return PART_CREATE_FROM_DEV;
            case PART_DESTROY_TO_DEV:
                return PART_DESTROY_FROM_DEV;
            case PART_QUERY_TO_DEV:
                return PART_QUERY_FROM_DEV;
            case POOL_QUERY_TO_DEV:
                return POOL_QUERY_FROM_DEV;
            case PART_RESIZE_TO_DEV:
                return PART_RESIZE_FROM_DEV;
            case PART_DRAIN_TO_DEV:
                return PART_DRAIN_FROM_DEV;
            case PART_QUERY_EX_TO_DEV:
                return PART_QUERY_EX_FROM_DEV;
            default:
                return UNDEFINED;
        }
    }

    /** @return the constant's name for logs ({@code "UNKNOWN"} for any other value); never allocates. */
    public static String name(final int type)
    {
        switch (type)
        {
            case UNDEFINED: return "UNDEFINED";
            case PASSTHROUGH_TO_DEV: return "PASSTHROUGH_TO_DEV";
            case DMA_XFER_TO_DEV: return "DMA_XFER_TO_DEV";
            case ACTIVATE_TO_DEV: return "ACTIVATE_TO_DEV";
            case STATUS_TO_DEV: return "STATUS_TO_DEV";
            case TERMINATE_TO_DEV: return "TERMINATE_TO_DEV";
            case VALIDATE_PARTITION_TO_DEV: return "VALIDATE_PARTITION_TO_DEV";
            case DEACTIVATE_TO_DEV: return "DEACTIVATE_TO_DEV";
            case PART_CREATE_TO_DEV: return "PART_CREATE_TO_DEV";
            case PART_DESTROY_TO_DEV: return "PART_DESTROY_TO_DEV";
            case PART_QUERY_TO_DEV: return "PART_QUERY_TO_DEV";
            case POOL_QUERY_TO_DEV: return "POOL_QUERY_TO_DEV";
            case PASSTHROUGH_FROM_DEV: return "PASSTHROUGH_FROM_DEV";
            case ACTIVATE_FROM_DEV: return "ACTIVATE_FROM_DEV";
            case DEACTIVATE_FROM_DEV: return "DEACTIVATE_FROM_DEV";
            case STATUS_FROM_DEV: return "STATUS_FROM_DEV";
            case TERMINATE_FROM_DEV: return "TERMINATE_FROM_DEV";
            case DMA_XFER_CONT: return "DMA_XFER_CONT";
            case VALIDATE_PARTITION_FROM_DEV: return "VALIDATE_PARTITION_FROM_DEV";
            case PART_CREATE_FROM_DEV: return "PART_CREATE_FROM_DEV";
            case PART_DESTROY_FROM_DEV: return "PART_DESTROY_FROM_DEV";
            case PART_QUERY_FROM_DEV: return "PART_QUERY_FROM_DEV";
            case POOL_QUERY_FROM_DEV: return "POOL_QUERY_FROM_DEV";
            case RESULT_FROM_DEV: return "RESULT_FROM_DEV";
            case PART_RESIZE_TO_DEV: return "PART_RESIZE_TO_DEV";
            case PART_RESIZE_FROM_DEV: return "PART_RESIZE_FROM_DEV";
            case PART_DRAIN_TO_DEV: return "PART_DRAIN_TO_DEV";
            case PART_DRAIN_FROM_DEV: return "PART_DRAIN_FROM_DEV";
            case PART_QUERY_EX_TO_DEV: return "PART_QUERY_EX_TO_DEV";
            case PART_QUERY_EX_FROM_DEV: return "PART_QUERY_EX_FROM_DEV";
            case PARTITION_NOTICE_FROM_DEV: return "PARTITION_NOTICE_FROM_DEV";
            default: return "UNKNOWN";
        }
    }
}
