package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.PoolInfo;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.testkit.FuzzRun;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.node.SdPartDevFlyweight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session on a shadow node (infer-b) tries every transaction that could reach beyond its partition while another
 * partition (infer-a) has an active workload: PART_DESTROY of every partition ID (its own, the others, the base
 * pool's -1, IDs that never existed), PART_CREATE, DEACTIVATE and EXECUTE of every dbc_id (the neighbour's among
 * them), SD_IOC_PART_DEV create, create at a wanted minor and remove, each by {@code write()} and by
 * {@code SD_IOC_MANAGE}. Every one is refused with the documented errno (EPERM for partition management and
 * SD_IOC_PART_DEV, EACCES for a dbc_id the session did not activate), PART_QUERY and POOL_QUERY show only its own
 * partition, and nothing changes: the firmware's partitions, pools and workloads, the driver's nodes, and the
 * neighbour's workload still computes.
 */
class EscapeIT
{
    private static final Logger LOG = FuzzRun.logger(EscapeIT.class);
    private static final byte[] IMAGE = new WorkloadImageWriter().name("victim").needs(1, 1 << 20, 0, 0, 1)
        .op(WorkloadOp.XOR8).opArg(0x5A).payload(new byte[64]).toBytes();

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @Test
    void aShadowSessionIsRefusedEverythingBeyondItsPartitionAndNothingChanges() throws Exception
    {
        final int victimId = devfs.partitionId("infer-a");
        final int ownId = devfs.partitionId("infer-b");
        final List<Integer> ids = new ArrayList<>(List.of(-1, 0, 999, Integer.MAX_VALUE, Integer.MIN_VALUE));
        for (final String name : ReliabilityMount.NAMES)
        {
            ids.add(devfs.partitionId(name));
        }
        int attempts = 0;
        try (NodeClient victim = NodeClient.open(devfs.node("infer-a"));
            NodeClient attacker = NodeClient.open(devfs.node("infer-b")))
        {
            final WorkloadRunner victimRunner = new WorkloadRunner(victim);
            victimRunner.load(0, IMAGE);
            final int victimDbc = victimRunner.activate(0).dbcId();
            final byte[] input = {1, 2, 3, 4};
            final byte[] output = victimRunner.execute(victimDbc, input);
            final String before = snapshot();

            for (final int id : ids)
            {
                for (final boolean force : new boolean[]{false, true})
                {
                    attempts += refused(attacker, new ManageRequest().partDestroy(id, force), Errno.EPERM);
                }
            }
            attempts += refused(attacker, new ManageRequest().partCreate("escape", Resources.of(1, 4096, 0, 0, 1)),
                Errno.EPERM);
            for (final int dbc : dbcIds())
            {
                attempts += refused(attacker, new ManageRequest().deactivate(dbc), Errno.EACCES);
                attempts += refused(attacker, new ManageRequest().execute(dbc, input, 0, input.length), Errno.EACCES);
            }
            final int victimMinor = devfs.minor("infer-a");
            for (final int id : List.of(victimId, ownId, -1, 999))
            {
                for (final int[] flagsAndMinor : new int[][]{{0, 0}, {SdPartDevFlyweight.FLAG_WANT_MINOR, victimMinor},
                    {SdPartDevFlyweight.FLAG_WANT_MINOR, 200}, {SdPartDevFlyweight.FLAG_REMOVE, 0}})
                {
                    assertEquals(Errno.EPERM.status(), partDev(attacker, id, flagsAndMinor[0], flagsAndMinor[1]),
                        "SD_IOC_PART_DEV id=" + id + " flags=" + flagsAndMinor[0]);
                    attempts++;
                }
            }

            assertEquals(List.of("infer-b"), attacker.partQuery().stream().map(PartitionEntry::name).toList());
            final PoolInfo pool = attacker.poolQuery();
            assertEquals(ConfigLoader.load(devfs.config).partition("infer-b").resources(), pool.total(),
                "POOL_QUERY shows its own partition's pool");
            assertEquals(before, snapshot(), "nothing changed on the card or in the driver");
            assertArrayEquals(output, victimRunner.execute(victimDbc, input), "the neighbour's workload still runs");
            assertEquals("1", devfs.attribute(victimMinor, "workloads"), "the neighbour keeps its one workload");
        }
        devfs.assertHealthyAndIdle();
        LOG.info("escape attempts from a shadow node: refused={} (EPERM: PART_DESTROY of {} ids with and without " +
            "FORCE, PART_CREATE, SD_IOC_PART_DEV x16; EACCES: DEACTIVATE and EXECUTE of {} dbc_ids; each manage " +
            "request by write and by SD_IOC_MANAGE)", attempts, ids.size(), dbcIds().size());
    }

    /** Send by write() and by SD_IOC_MANAGE; both must refuse the one transaction with {@code errno}. @return 2 */
    private static int refused(final NodeClient attacker, final ManageRequest request, final Errno errno)
        throws NodeException
    {
        final ManageResponse written = attacker.transact(request);
        assertEquals(errno.status(), written.status(0), "write: " + describe(request));
        request.tag(0);
        final ManageResponse managed = attacker.transactSync(request);
        assertEquals(errno.status(), managed.status(0), "SD_IOC_MANAGE: " + describe(request));
        return 2;
    }

    private static int partDev(final NodeClient client, final int id, final int flags, final int minor)
    {
        final ByteBuffer arg = ByteBuffer.allocate(SdPartDevFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        arg.putInt(0, id).putInt(4, flags).putInt(8, minor).putInt(12, 0);
        return ((FileNodeChannel)client.channel()).ioctl(NodeIoctls.SD_IOC_PART_DEV, arg);
    }

    /** @return everything a refused request could have changed, as text. */
    private static String snapshot() throws Exception
    {
        final Firmware firmware = devfs.firmware();
        final StringBuilder sb = new StringBuilder();
        sb.append(firmware.queryPartitions(-1, 0)).append('\n').append(firmware.queryPool(-1, 0)).append('\n');
        for (final String name : ReliabilityMount.NAMES)
        {
            sb.append(name).append(' ').append(firmware.queryPool(devfs.partitionId(name), 0)).append('\n');
        }
        sb.append(firmware.queryWorkloads(-1, 0)).append('\n');
        for (final NodeView node : devfs.driver().nodes())
        {
            sb.append(node.minor()).append(':').append(node.partitionId()).append(':').append(node.name())
                .append(':').append(node.online()).append(' ');
        }
        sb.append("\nexecutions per core:");
        for (int core = 0; firmware.coreExecutions(core) >= 0; core++)
        {
            sb.append(' ').append(firmware.coreExecutions(core));
        }
        return sb.toString();
    }

    private static List<Integer> dbcIds()
    {
        final List<Integer> ids = new ArrayList<>(List.of(-1, 16, 1 << 20, Integer.MIN_VALUE));
        for (int dbc = 0; dbc < 16; dbc++)
        {
            ids.add(dbc);
        }
        return ids;
    }

    private static String describe(final ManageRequest request)
    {
        return java.util.HexFormat.of().formatHex(request.toBytes());
    }
}
