package dev.shadowdev.wire.node;

/**
 * Every transaction type of the node ABI's manage messages (ABI.md 1.3). A response transaction carries the type of
 * the request transaction it answers. Types below 0x100 are qaic's {@code QAIC_TRANS_*_FROM_USR} numbers.
 * <p>
 * Bodies: {@link dev.shadowdev.wire.PassthroughFlyweight}, {@link DmaXferRequestFlyweight},
 * {@link ActivateRequestFlyweight},
 * {@link DeactivateRequestFlyweight}, {@link ExecuteRequestFlyweight}, {@link PartCreateFlyweight},
 * {@link PartDestroyRequestFlyweight}, {@link PartBindRequestFlyweight}, the v1.1 PART_CREATE body
 * {@link dev.shadowdev.wire.PartCreateExFlyweight}, {@link dev.shadowdev.wire.PartResizeFlyweight},
 * {@link dev.shadowdev.wire.PartDrainFlyweight}; STATUS, PART_QUERY, POOL_QUERY and PART_QUERY_EX requests are
 * header only. Responses:
 * {@link PassthroughResponseFlyweight}, {@link ActivateResponseFlyweight}, {@link StatusResponseFlyweight},
 * {@link ExecuteResponseFlyweight}, {@link PartCreateResponseFlyweight}, {@link PartQueryResponseFlyweight},
 * {@link PoolQueryResponseFlyweight}, {@link PartResizeResponseFlyweight}, {@link PartDrainResponseFlyweight},
 * {@link PartQueryExResponseFlyweight}; DMA_XFER, DEACTIVATE, PART_DESTROY and PART_BIND responses are header only.
 */
public final class NodeTypes
{
    public static final int PASSTHROUGH = 0x0001;
    public static final int DMA_XFER = 0x0005;
    public static final int ACTIVATE = 0x0007;
    public static final int DEACTIVATE = 0x000A;
    public static final int STATUS = 0x000C;
    public static final int EXECUTE = 0x0101;
    public static final int PART_CREATE = 0x0102;
    public static final int PART_DESTROY = 0x0103;
    public static final int PART_QUERY = 0x0104;
    public static final int POOL_QUERY = 0x0105;
    /** Resize a live partition in place (ABI.md 6.1). */
    public static final int PART_RESIZE = 0x0106;
    /** Cordon a partition, preempt after a grace period, or lift the cordon (ABI.md 6.1). */
    public static final int PART_DRAIN = 0x0107;
    /** The partitions with min, max, used, borrowed, state and flags (ABI.md 6.1). */
    public static final int PART_QUERY_EX = 0x0108;
    /** Bind a cgroup path to a partition (ABI.md 7); handled by the driver, never sent to the card as such. */
    public static final int PART_BIND = 0x0109;

    private NodeTypes()
    {
    }

    /** @return true for one of the types above. */
    public static boolean isKnown(final int type)
    {
        switch (type)
        {
            case PASSTHROUGH:
            case DMA_XFER:
            case ACTIVATE:
            case DEACTIVATE:
            case STATUS:
            case EXECUTE:
            case PART_CREATE:
            case PART_DESTROY:
            case PART_QUERY:
            case POOL_QUERY:
            case PART_RESIZE:
            case PART_DRAIN:
            case PART_QUERY_EX:
            case PART_BIND:
                return true;
            default:
                return false;
        }
    }

    /** @return the constant's name for logs ({@code "UNKNOWN"} for any other value); never allocates. */
    public static String name(final int type)
    {
        switch (type)
        {
            case PASSTHROUGH: return "PASSTHROUGH";
            case DMA_XFER: return "DMA_XFER";
            case ACTIVATE: return "ACTIVATE";
            case DEACTIVATE: return "DEACTIVATE";
            case STATUS: return "STATUS";
            case EXECUTE: return "EXECUTE";
            case PART_CREATE: return "PART_CREATE";
            case PART_DESTROY: return "PART_DESTROY";
            case PART_QUERY: return "PART_QUERY";
            case POOL_QUERY: return "POOL_QUERY";
            case PART_BIND: return "PART_BIND";
            case PART_RESIZE: return "PART_RESIZE";
            case PART_DRAIN: return "PART_DRAIN";
            case PART_QUERY_EX: return "PART_QUERY_EX";
            default: return "UNKNOWN";
        }
    }
}
