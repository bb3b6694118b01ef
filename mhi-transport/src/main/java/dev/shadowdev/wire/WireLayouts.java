package dev.shadowdev.wire;

import static dev.shadowdev.wire.WireTypes.*;

/**
 * Per-type layout facts the validator and the writers share: the length of each transaction type and where its
 * status lives. Lengths come from the flyweights' {@code LENGTH} constants.
 */
public final class WireLayouts
{
    private WireLayouts()
    {
    }

    /**
     * @return the exact length of a fixed-size type, the length without its variable part for
     * PASSTHROUGH (8), DMA_XFER_TO_DEV (24), PART_QUERY_FROM_DEV (24) and PART_QUERY_EX_FROM_DEV (24), or -1 for an
     * unknown type.
     */
    public static int minLength(final int type)
    {
        switch (type)
        {
            case PASSTHROUGH_TO_DEV:
            case PASSTHROUGH_FROM_DEV:
                return PassthroughFlyweight.LENGTH;
            case DMA_XFER_TO_DEV:
                return DmaXferFlyweight.LENGTH;
            case PART_QUERY_FROM_DEV:
                return PartQueryFromDevFlyweight.LENGTH;
            case STATUS_TO_DEV:
            case PART_QUERY_TO_DEV:
            case POOL_QUERY_TO_DEV:
                return WireTransactionHeaderFlyweight.HEADER_LENGTH;
            case ACTIVATE_TO_DEV:
                return ActivateToDevFlyweight.LENGTH;
            case TERMINATE_TO_DEV:
                return TerminateToDevFlyweight.LENGTH;
            case VALIDATE_PARTITION_TO_DEV:
                return ValidatePartitionToDevFlyweight.LENGTH;
            case DEACTIVATE_TO_DEV:
                return DeactivateToDevFlyweight.LENGTH;
            case PART_CREATE_TO_DEV:
                return PartCreateFlyweight.LENGTH;
            case PART_DESTROY_TO_DEV:
                return PartDestroyToDevFlyweight.LENGTH;
            case ACTIVATE_FROM_DEV:
                return ActivateFromDevFlyweight.LENGTH;
            case DEACTIVATE_FROM_DEV:
                return DeactivateFromDevFlyweight.LENGTH;
            case STATUS_FROM_DEV:
                return StatusFromDevFlyweight.LENGTH;
            case TERMINATE_FROM_DEV:
                return TerminateFromDevFlyweight.LENGTH;
            case DMA_XFER_CONT:
                return DmaXferContFlyweight.LENGTH;
            case VALIDATE_PARTITION_FROM_DEV:
                return ValidatePartitionFromDevFlyweight.LENGTH;
            case PART_CREATE_FROM_DEV:
                return PartCreateFromDevFlyweight.LENGTH;
            case PART_DESTROY_FROM_DEV:
                return PartDestroyFromDevFlyweight.LENGTH;
            case POOL_QUERY_FROM_DEV:
                return PoolQueryFromDevFlyweight.LENGTH;
            case RESULT_FROM_DEV:
                return ResultFromDevFlyweight.LENGTH;
            case PART_RESIZE_TO_DEV:
                return PartResizeFlyweight.LENGTH;
            case PART_DRAIN_TO_DEV:
                return PartDrainFlyweight.LENGTH;
            case PART_QUERY_EX_TO_DEV:
                return WireTransactionHeaderFlyweight.HEADER_LENGTH;
            case PART_RESIZE_FROM_DEV:
                return PartResizeFromDevFlyweight.LENGTH;
            case PART_DRAIN_FROM_DEV:
                return PartDrainFromDevFlyweight.LENGTH;
            case PART_QUERY_EX_FROM_DEV:
                return PartQueryExFromDevFlyweight.LENGTH;
            case PARTITION_NOTICE_FROM_DEV:
                return PartitionNoticeFlyweight.LENGTH;
            default:
                return -1;
        }
    }

    /** @return true for the types whose length depends on their content (see {@link #minLength(int)}). */
    public static boolean isVariable(final int type)
    {
        return type == PASSTHROUGH_TO_DEV || type == PASSTHROUGH_FROM_DEV || type == DMA_XFER_TO_DEV ||
            type == PART_QUERY_FROM_DEV || type == PART_QUERY_EX_FROM_DEV;
    }

    /**
     * @param responseType a FROM_DEV type.
     * @return the offset of its i32 status field from the transaction start, or -1 when it has none
     * (PASSTHROUGH_FROM_DEV, DMA_XFER_CONT, not a response).
     */
    public static int statusOffset(final int responseType)
    {
        switch (responseType)
        {
            case ACTIVATE_FROM_DEV:
            case DEACTIVATE_FROM_DEV:
            case TERMINATE_FROM_DEV:
            case VALIDATE_PARTITION_FROM_DEV:
            case PART_CREATE_FROM_DEV:
            case PART_DESTROY_FROM_DEV:
            case PART_QUERY_FROM_DEV:
            case POOL_QUERY_FROM_DEV:
            case RESULT_FROM_DEV:
            case PART_RESIZE_FROM_DEV:
            case PART_DRAIN_FROM_DEV:
            case PART_QUERY_EX_FROM_DEV:
                return WireTransactionHeaderFlyweight.HEADER_LENGTH;
            case STATUS_FROM_DEV:
                return StatusFromDevFlyweight.STATUS_OFFSET;
            default:
                return -1;
        }
    }
}
