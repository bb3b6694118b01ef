package dev.shadowdev.driver.node;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.minor.MinorAllocator;
import dev.shadowdev.driver.trace.OffsetEpochNanoClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared cgroup node in the registry: its minor, the partitions reached through it, and what ends them. */
class CgroupRegistryTest
{
    private final MinorAllocator minors = new MinorAllocator(64);
    private final NodeRegistry registry = new NodeRegistry(minors, 261, "card",
        new OffsetEpochNanoClock(() -> 0, Instant.parse("2026-01-02T03:04:05Z")), true);
    private final List<DeviceNode> ended = new ArrayList<>();

    CgroupRegistryTest()
    {
        registry.addCgroupTargetListener(ended::add);
    }

    @Test
    void theCgroupNodeTakesTheLastMinorAndFollowsTheBaseNode()
    {
        assertNull(registry.cgroupTarget(3, "early"));
        registry.baseOnline();

        final DeviceNode node = registry.cgroupNode();
        assertEquals(63, node.minor());
        assertEquals(NodeView.CGROUP_NODE, node.partitionId());
        assertEquals(2, minors.inUse());
        assertEquals(1, registry.attach(5, "first-shadow", -1));
        assertEquals(Errno.EBUSY.status(), registry.attach(6, "steal", 63));

        registry.allOffline("crash");
        assertFalse(node.online());
        assertEquals(Errno.EBUSY.status(), registry.attach(6, "steal", 63));
        registry.baseOnline();
        assertTrue(node.online());
        assertEquals(2, node.generation());
    }

    @Test
    void aPartitionReachedThroughTheCgroupNodeHasOneNodeWithoutAMinorUntilItGoes()
    {
        registry.baseOnline();
        registry.bindings().bind("/a", 5, "five");

        final DeviceNode target = registry.cgroupTarget(5, "five");
        assertSame(target, registry.cgroupTarget(5, "five"));
        assertTrue(target.viaCgroup() && target.online());
        assertEquals(63, target.minor());
        assertEquals(2, minors.inUse());

        assertEquals(Errno.ENOENT.status(), registry.partitionGone(5, "destroyed"));
        assertTrue(target.removed());
        assertEquals(List.of(target), ended);
        assertEquals(0, registry.bindings().size());
        assertNotSame(target, registry.cgroupTarget(5, "five"));
    }

    @Test
    void losingTheFirmwareEndsEveryTargetAndDropsEveryBinding()
    {
        registry.baseOnline();
        registry.bindings().bind("/a", 5, "five");
        registry.bindings().bind("/b", 6, "six");
        final DeviceNode five = registry.cgroupTarget(5, "five");
        final DeviceNode six = registry.cgroupTarget(6, "six");

        registry.allOffline("SYS_ERR");

        assertEquals(List.of(five, six), ended.stream().sorted((x, y) -> x.partitionId() - y.partitionId()).toList());
        assertEquals(0, registry.bindings().size());
        assertEquals(0, registry.cgroupTargets());
        assertNull(registry.cgroupTarget(5, "five"));
    }
}
