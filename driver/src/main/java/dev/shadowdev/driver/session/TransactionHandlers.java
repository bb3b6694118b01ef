package dev.shadowdev.driver.session;

import dev.shadowdev.wire.node.NodeTypes;

/**
 * The one dispatch place of a session: its {@link TransactionHandler}s in a table indexed by node transaction
 * type. EXECUTE has none (it goes on its DBC); neither has a type the node ABI does not define. Built once per
 * session; lookups allocate nothing.
 */
final class TransactionHandlers
{
    private final TransactionHandler[] byType = new TransactionHandler[NodeTypes.PART_BIND + 1];

    TransactionHandlers(final HandlerSupport support, final DmaStaging staging)
    {
        add(new PassthroughHandler(support));
        add(new DmaXferHandler(support, staging));
        add(new ActivateHandler(support));
        add(new DeactivateHandler(support));
        add(new StatusHandler(support));
        add(new PartCreateHandler(support));
        add(new PartDestroyHandler(support));
        add(new PartQueryHandler(support));
        add(new PoolQueryHandler(support));
        add(new PartResizeHandler(support));
        add(new PartDrainHandler(support));
        add(new PartQueryExHandler(support));
        add(new PartBindHandler(support));
    }

    /** @return the handler of node transaction {@code type}, or null when none travels on CONTROL. */
    TransactionHandler of(final int type)
    {
        return type >= 0 && type < byType.length ? byType[type] : null;
    }

    private void add(final TransactionHandler handler)
    {
        byType[handler.nodeType()] = handler;
    }
}
