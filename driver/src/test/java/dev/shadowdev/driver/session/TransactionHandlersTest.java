package dev.shadowdev.driver.session;

import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionHandlersTest
{
    private final TransactionHandlers handlers =
        new TransactionHandlers(new HandlerSupport(null, null, new SlotLengths()), null);

    @Test
    void everyControlTypeHasOneHandlerAnsweredByItsWireType()
    {
        final Map<Integer, Integer> answers = Map.ofEntries(
            Map.entry(NodeTypes.PART_RESIZE, WireTypes.PART_RESIZE_FROM_DEV),
            Map.entry(NodeTypes.PART_DRAIN, WireTypes.PART_DRAIN_FROM_DEV),
            Map.entry(NodeTypes.PART_QUERY_EX, WireTypes.PART_QUERY_EX_FROM_DEV),
            Map.entry(NodeTypes.PART_BIND, WireTypes.PART_QUERY_FROM_DEV));
        answers.forEach((type, answer) ->
        {
            final TransactionHandler handler = handlers.of(type);
            assertNotNull(handler, NodeTypes.name(type));
            assertEquals(type, handler.nodeType());
            assertEquals(answer, handler.answerType(), NodeTypes.name(type));
        });
        final Map<Integer, Integer> v1 = Map.of(
            NodeTypes.PASSTHROUGH, WireTypes.PASSTHROUGH_FROM_DEV,
            NodeTypes.DMA_XFER, WireTypes.RESULT_FROM_DEV,
            NodeTypes.ACTIVATE, WireTypes.ACTIVATE_FROM_DEV,
            NodeTypes.DEACTIVATE, WireTypes.DEACTIVATE_FROM_DEV,
            NodeTypes.STATUS, WireTypes.STATUS_FROM_DEV,
            NodeTypes.PART_CREATE, WireTypes.PART_CREATE_FROM_DEV,
            NodeTypes.PART_DESTROY, WireTypes.PART_DESTROY_FROM_DEV,
            NodeTypes.PART_QUERY, WireTypes.PART_QUERY_FROM_DEV,
            NodeTypes.POOL_QUERY, WireTypes.POOL_QUERY_FROM_DEV);
        v1.forEach((type, answer) ->
        {
            final TransactionHandler handler = handlers.of(type);
            assertNotNull(handler, NodeTypes.name(type));
            assertEquals(type, handler.nodeType());
            assertEquals(answer, handler.answerType(), NodeTypes.name(type));
        });
    }

    @Test
    void executeAndUnknownTypesHaveNone()
    {
        assertNull(handlers.of(NodeTypes.EXECUTE), "EXECUTE goes on its DBC");
        assertNull(handlers.of(0));
        assertNull(handlers.of(-1));
        assertNull(handlers.of(NodeTypes.PART_BIND + 1));
        assertNull(handlers.of(Integer.MAX_VALUE));
    }

    @Test
    void partQueryTravelsAloneTheOthersJoinAnyBatch()
    {
        final WireBatch empty = new WireBatch();
        assertTrue(handlers.of(NodeTypes.PART_QUERY).conflicts(null, empty));
        assertTrue(handlers.of(NodeTypes.PART_QUERY_EX).conflicts(null, empty));
        for (final int type : new int[] {NodeTypes.PASSTHROUGH, NodeTypes.ACTIVATE, NodeTypes.DEACTIVATE,
            NodeTypes.STATUS, NodeTypes.PART_CREATE, NodeTypes.PART_DESTROY, NodeTypes.POOL_QUERY,
            NodeTypes.PART_RESIZE, NodeTypes.PART_DRAIN})
        {
            assertFalse(handlers.of(type).conflicts(null, empty), NodeTypes.name(type));
        }
    }
}
