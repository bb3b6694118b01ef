package dev.shadowdev.driver.node;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeListener;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.minor.MinorAllocator;
import dev.shadowdev.driver.trace.OffsetEpochNanoClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeRegistryTest
{
    private final MinorAllocator minors = new MinorAllocator(64);
    private final NodeRegistry registry = new NodeRegistry(minors, 261, "card",
        new OffsetEpochNanoClock(() -> 0, Instant.parse("2026-01-02T03:04:05Z")));
    private final List<String> events = new ArrayList<>();

    NodeRegistryTest()
    {
        registry.addListener(new NodeListener()
        {
            @Override
            public void onNodeAdded(final NodeView node)
            {
                events.add("added " + node.minor() + " p" + node.partitionId());
            }

            @Override
            public void onNodeRemoved(final NodeView node)
            {
                events.add("removed " + node.minor());
            }

            @Override
            public void onNodeChanged(final NodeView node)
            {
                events.add("changed " + node.minor() + (node.online() ? " online p" + node.partitionId() : " offline"));
            }
        });
    }

    @Test
    void nodesKeepTheirMinorsThroughResetsAndReattachments()
    {
        final DeviceNode base = registry.baseOnline();
        assertEquals(0, base.minor());
        assertEquals(1, base.generation());
        assertEquals(1, registry.attach(7, "seven", -1));
        assertEquals(1, registry.attach(7, "seven", -1));
        assertEquals(9, registry.attach(8, "eight", 9));
        assertEquals(Errno.EBUSY.status(), registry.attach(10, "ten", 9));
        assertEquals(Errno.EBUSY.status(), registry.attach(10, "ten", 0));
        assertEquals(Errno.EINVAL.status(), registry.attach(10, "ten", 64));

        registry.allOffline("crash");
        assertFalse(registry.node(1).online());
        assertEquals(null, registry.onlineShadow(7));
        registry.baseOnline();
        assertEquals(2, base.generation());
        assertEquals(9, registry.attach(1, "eight", 9));
        assertEquals(1, registry.node(9).partitionId());
        assertEquals(2, registry.node(9).generation());
        assertEquals(2, registry.attach(7, "new seven", -1));
        assertFalse(registry.node(1).online());
        assertTrue(registry.node(1).isCurrent(1) == false);

        assertEquals(9, registry.detach(1));
        assertEquals(2, registry.partitionGone(7, "destroyed"));
        assertEquals(Errno.ENOENT.status(), registry.partitionGone(7, "destroyed"));
        assertEquals(1, registry.detach(7));
        assertEquals(Errno.ENOENT.status(), registry.detach(7));
        assertEquals(1, registry.views().size());
        assertEquals(List.of(
            "added 0 p-1", "added 1 p7", "added 9 p8",
            "changed 0 offline", "changed 1 offline", "changed 9 offline",
            "changed 0 online p-1", "changed 9 online p1", "added 2 p7",
            "removed 9", "removed 2", "removed 1"), events);
        assertTrue(registry.events(0).contains("2026-01-02T03:04:05Z offline reason=crash"), registry.events(0));
        assertEquals(1, minors.inUse());
    }
}
