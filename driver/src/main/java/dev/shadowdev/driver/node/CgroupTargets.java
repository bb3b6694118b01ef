package dev.shadowdev.driver.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The partitions reached through the shared cgroup node: one node each, without a file or a minor of its own (its
 * minor is the cgroup node's), made at the first open that reaches the partition and again after the firmware came
 * back. Sessions opened through the cgroup node hold it, and are dead once it goes (its partition was destroyed,
 * the firmware was lost). Owned by the {@link NodeRegistry}, changed under its monitor.
 */
final class CgroupTargets
{
    private final HashMap<Integer, DeviceNode> byPartition = new HashMap<>();
    private final List<Consumer<DeviceNode>> listeners = new CopyOnWriteArrayList<>();

    void addListener(final Consumer<DeviceNode> listener)
    {
        listeners.add(listener);
    }

    /** @return the partition's node as reached through {@code cgroupNode}, made when missing or gone offline. */
    DeviceNode target(final DeviceNode cgroupNode, final int parentMinor, final int partitionId, final String name)
    {
        DeviceNode target = byPartition.get(partitionId);
        if (target == null || !target.online())
        {
            target = new DeviceNode(cgroupNode.minor(), cgroupNode.major(), parentMinor, false, true, partitionId,
                name);
            target.comeOnline(partitionId, name);
            byPartition.put(partitionId, target);
        }
        return target;
    }

    int size()
    {
        return byPartition.size();
    }

    /** The partition is gone: its node goes, and the listeners end its sessions. */
    void remove(final int partitionId)
    {
        final DeviceNode target = byPartition.remove(partitionId);
        if (target != null)
        {
            target.remove();
            for (final Consumer<DeviceNode> listener : listeners)
            {
                listener.accept(target);
            }
        }
    }

    void removeAll()
    {
        for (final Integer partitionId : new ArrayList<>(byPartition.keySet()))
        {
            remove(partitionId);
        }
    }
}
