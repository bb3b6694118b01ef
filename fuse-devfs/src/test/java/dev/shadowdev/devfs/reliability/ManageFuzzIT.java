package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.testkit.FuzzRun;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageMessageValidator;
import dev.shadowdev.wire.node.ManageTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.node.NodeTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated manage messages (see {@link ManageCases}) written to the mounted base node and the four shadow
 * nodes, one session per node per batch, by {@code write()} and (for messages that fit) by {@code SD_IOC_MANAGE}.
 * The node's verdict is checked against the ABI's rules computed here from the bytes (the driver's own
 * {@link ManageMessageValidator} is the reference for which of EINVAL / EMSGSIZE, with writes over 64 KiB
 * EMSGSIZE):
 * <ul>
 *   <li>a message the rules refuse fails the write (or ioctl) with exactly that errno, and nothing is queued;</li>
 *   <li>any other is accepted whole, and its one response carries the request's tag, status 0 for the message, and
 *   one transaction per request transaction of the same type with 0 or a known negative errno; nothing more is
 *   queued after it.</li>
 * </ul>
 * On the base node, which may destroy any partition, a PART_DESTROY of one of the config's partitions is pointed at
 * an ID that never existed before it is sent ({@link ManageCases#spare}), so that the batch's shadow sessions live.
 * After each batch the sessions are closed, partitions the fuzzer created through the base node are destroyed, and
 * {@link ReliabilityMount#assertHealthyAndIdle()} checks the daemon answers a STATUS, the accounts balance, the
 * config's partitions are untouched and empty, and the driver is back to its baseline of sessions and host memory.
 */
class ManageFuzzIT
{
    private static final Logger LOG = FuzzRun.logger(ManageFuzzIT.class);
    private static final int CI_MESSAGES = 5000;
    private static final int BATCH = 100;
    private static final ManageCases.Mutation[] MUTATIONS = ManageCases.Mutation.values();

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    private final ManageMessageValidator validator = new ManageMessageValidator();
    private final WireError error = new WireError();
    private final ByteBuffer response = ByteBuffer.allocateDirect(ManageCases.MAX_WRITE).order(ByteOrder.LITTLE_ENDIAN);
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<Integer> created = new ArrayList<>();

    @Test
    void everyMessageFailsItsWriteWithTheDocumentedErrnoOrIsAnsweredAndNothingLeaks() throws Exception
    {
        final FuzzRun run = FuzzRun.of("manage", CI_MESSAGES);
        final List<Path> nodes = new ArrayList<>(List.of(devfs.base()));
        for (final String name : ReliabilityMount.NAMES)
        {
            nodes.add(devfs.node(name));
        }
        final ManageCases cases = new ManageCases(created);
        final List<Integer> configIds = new ArrayList<>();
        for (final String name : ReliabilityMount.NAMES)
        {
            configIds.add(devfs.partitionId(name));
        }
        int spared = 0;
        final long started = System.nanoTime();
        int batches = 0;
        int createdTotal = 0;
        for (int first = 0; first < run.cases(); first += BATCH)
        {
            final List<FileNodeChannel> channels = new ArrayList<>();
            final List<ManageCases.Session> sessions = new ArrayList<>();
            try
            {
                for (final Path node : nodes)
                {
                    channels.add(FileNodeChannel.open(node, false));
                    sessions.add(new ManageCases.Session(node.equals(devfs.base())));
                }
                for (int i = first; i < Math.min(first + BATCH, run.cases()); i++)
                {
                    final SplittableRandom random = run.random(i);
                    final int n = random.nextInt(channels.size());
                    final ManageCases.Mutation mutation = MUTATIONS[random.nextInt(MUTATIONS.length)];
                    final byte[] bytes = ManageCases.mutate(random,
                        cases.wellFormed(random, sessions.get(n), i + 1).toBytes(), mutation);
                    final boolean ioctl = bytes.length <= NodeIoctls.MANAGE_SIZE && random.nextInt(8) == 0;
                    if (n == 0)
                    {
                        spared += ManageCases.spare(bytes, bytes.length, configIds);
                    }
                    try
                    {
                        final String outcome = ioctl ? viaIoctl(channels.get(n), sessions.get(n), bytes) :
                            viaWrite(channels.get(n), sessions.get(n), bytes);
                        outcomes.merge((ioctl ? "ioctl " : "write ") + outcome, 1, Integer::sum);
                    }
                    catch (final AssertionError | NodeException ex)
                    {
                        throw new AssertionError(run.describe(i) + " node=" + nodes.get(n).getFileName() +
                            " mutation=" + mutation + " ioctl=" + ioctl + " len=" + bytes.length + " head=" +
                            HexFormat.of().formatHex(bytes, 0, Math.min(64, bytes.length)) + ": " + ex.getMessage(), ex);
                    }
                }
            }
            finally
            {
                channels.forEach(FileNodeChannel::close);
            }
            createdTotal += destroyCreated();
            devfs.assertHealthyAndIdle();
            batches++;
        }
        LOG.info("{} batches={} ms={} partitions_created_and_destroyed={} config_partition_destroys_redirected={} " +
            "outcomes={}", run, batches, (System.nanoTime() - started) / 1_000_000, createdTotal, spared, outcomes);
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("write refused EINVAL")), outcomes.toString());
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("write refused EMSGSIZE")), outcomes.toString());
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("write answered")), outcomes.toString());
    }

    private String viaWrite(final FileNodeChannel channel, final ManageCases.Session session, final byte[] bytes)
        throws NodeException
    {
        // The validator may read a few bytes past a short last transaction (see ValidatorBoundsIT): give it room.
        final int expected = bytes.length > ManageMessageFlyweight.MAX_LENGTH ? Errno.EMSGSIZE.status() :
            validator.validate(new WireBuffer(Arrays.copyOf(bytes, bytes.length + 16)), 0, bytes.length, error);
        final int written = channel.write(ByteBuffer.wrap(bytes));
        if (expected != 0)
        {
            assertEquals(expected, written, "write refused with the documented errno: " + error.message());
            assertEquals(0, channel.read(response.clear()), "nothing queued after a refused write");
            return "refused " + Errno.fromStatus(expected);
        }
        assertEquals(bytes.length, written, "a valid message is accepted whole");
        final int n = channel.read(response.clear());
        assertTrue(n > 0, "read: " + n);
        final String outcome = check(ManageResponse.parse(response, n), session, bytes);
        assertEquals(0, channel.poll(0), "exactly one response per message");
        return outcome;
    }

    private String viaIoctl(final FileNodeChannel channel, final ManageCases.Session session, final byte[] bytes)
        throws NodeException
    {
        final ByteBuffer arg = ByteBuffer.allocate(NodeIoctls.MANAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        arg.put(0, bytes);
        final byte[] sent = Arrays.copyOf(arg.array(), NodeIoctls.MANAGE_SIZE + 16);
        final int expected = validator.validateIoctl(new WireBuffer(sent), 0, error);
        final int rc = channel.ioctl(NodeIoctls.SD_IOC_MANAGE, arg);
        if (expected != 0)
        {
            assertEquals(expected, rc, "SD_IOC_MANAGE refused with the documented errno: " + error.message());
            return "refused " + Errno.fromStatus(expected);
        }
        if (rc == Errno.EMSGSIZE.status())
        {
            assertTrue(hasVariableAnswer(sent), "EMSGSIZE only when an answer can outgrow 4096 bytes");
            return "answer over 4096 bytes EMSGSIZE";
        }
        assertEquals(0, rc, "SD_IOC_MANAGE");
        final int len = arg.getInt(ManageMessageFlyweight.LEN_OFFSET);
        return check(ManageResponse.parse(arg, Math.min(len, NodeIoctls.MANAGE_SIZE)), session, sent);
    }

    /** The response answers the request transaction by transaction; learn the session's new dbc_ids and slots. */
    private String check(final ManageResponse answer, final ManageCases.Session session, final byte[] bytes)
        throws NodeException
    {
        final ByteBuffer request = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final int count = request.getInt(ManageMessageFlyweight.COUNT_OFFSET);
        assertEquals(request.getInt(ManageMessageFlyweight.TAG_OFFSET), answer.tag(), "tag");
        assertEquals(0, answer.status(), "status of the whole message");
        assertEquals(count, answer.count(), "one response transaction per request transaction");
        int at = ManageMessageFlyweight.LENGTH;
        int refused = 0;
        for (int i = 0; i < count; i++)
        {
            final int type = request.getInt(at + ManageTransactionHeaderFlyweight.TYPE_OFFSET);
            final int status = answer.status(i);
            assertEquals(type, answer.type(i), "type of transaction " + i);
            assertTrue(status == 0 || status < 0 && Errno.fromStatus(status) != null,
                "status 0 or a known negative errno: index=" + i + " status=" + status);
            outcomes.merge("  " + NodeTypes.name(type) + " " + (status == 0 ? "ok" : Errno.fromStatus(status)), 1,
                Integer::sum);
            if (status == 0)
            {
                learn(answer, i, type, request, at, session);
            }
            refused += status == 0 ? 0 : 1;
            at += request.getInt(at + ManageTransactionHeaderFlyweight.LEN_OFFSET);
        }
        return refused == 0 ? "answered, all ok" : "answered, some refused";
    }

    private void learn(final ManageResponse answer, final int i, final int type, final ByteBuffer request,
        final int at, final ManageCases.Session session) throws NodeException
    {
        final int body = at + ManageTransactionHeaderFlyweight.HEADER_LENGTH;
        switch (type)
        {
            case NodeTypes.ACTIVATE:
                session.dbcIds.add(answer.activate(i).dbcId());
                break;
            case NodeTypes.DEACTIVATE:
                session.dbcIds.remove(Integer.valueOf(request.getInt(body)));
                break;
            case NodeTypes.DMA_XFER:
            {
                final int slot = request.getInt(body);
                if (slot >= 0 && slot < session.loaded.length)
                {
                    final long offset = request.getLong(body + 8);
                    session.loaded[slot] = (offset == 0 ? 0 : session.loaded[slot]) + request.getInt(body + 4);
                }
                break;
            }
            case NodeTypes.PART_CREATE:
                created.add(answer.partCreate(i));
                break;
            case NodeTypes.PART_DESTROY:
                created.remove(Integer.valueOf(request.getInt(body)));
                break;
            default:
                break;
        }
    }

    private static boolean hasVariableAnswer(final byte[] bytes)
    {
        final ByteBuffer request = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = ManageMessageFlyweight.LENGTH;
        for (int i = 0; i < request.getInt(ManageMessageFlyweight.COUNT_OFFSET); i++)
        {
            final int type = request.getInt(at);
            if (type == NodeTypes.PASSTHROUGH || type == NodeTypes.EXECUTE || type == NodeTypes.PART_QUERY)
            {
                return true;
            }
            at += request.getInt(at + ManageTransactionHeaderFlyweight.LEN_OFFSET);
        }
        return false;
    }

    /** @return how many partitions the fuzzer had created through the base node (now destroyed). */
    private int destroyCreated() throws NodeException
    {
        int destroyed = 0;
        try (NodeClient base = NodeClient.open(devfs.base()))
        {
            for (final PartitionEntry entry : base.partQuery())
            {
                if (!ReliabilityMount.NAMES.contains(entry.name()))
                {
                    base.partDestroy(entry.id(), true);
                    destroyed++;
                }
            }
        }
        created.clear();
        return destroyed;
    }
}
