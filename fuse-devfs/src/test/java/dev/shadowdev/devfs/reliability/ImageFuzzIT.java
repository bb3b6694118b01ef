package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PoolInfo;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.image.InvalidImageException;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadImageValidator;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated workload images uploaded through the mount (DMA_XFER in chunks of random size) and activated on the base
 * node and the shadow nodes. The firmware's validator is the reference (the firmware module's {@code ImageFuzzTest}
 * checks it against an independent reading of ABI.md section 2): an image it refuses must come back EBADMSG from
 * ACTIVATE; a valid one must be admitted, then execute its op with the right output, or come back ENOSPC naming
 * exactly the resources the node's pool lacks; an image over 1 MiB + 128 fails its upload with E2BIG. After every
 * batch the session is closed and the node's {@code free} attribute equals its {@code resources} again, with
 * {@link ReliabilityMount#assertHealthyAndIdle()}.
 */
class ImageFuzzIT
{
    private static final Logger LOG = FuzzRun.logger(ImageFuzzIT.class);
    private static final int CI_IMAGES = 400;
    private static final int BATCH = 20;
    private static final int MAX_IMAGE = 128 + (1 << 20);
    private static final int CRC_AT = 96;

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @Test
    void everyImageIsAdmittedExecutedOrRefusedWithEbadmsgAndNothingLeaks() throws Exception
    {
        final FuzzRun run = FuzzRun.of("node-image", CI_IMAGES);
        final Map<String, Integer> outcomes = new TreeMap<>();
        final List<String> nodes = List.of("infer-a", "infer-b", "train-a", "batch", "(base)");
        for (int first = 0; first < run.cases(); first += BATCH)
        {
            final String name = nodes.get((first / BATCH) % nodes.size());
            final Path node = name.equals("(base)") ? devfs.base() : devfs.node(name);
            try (NodeClient client = NodeClient.open(node))
            {
                for (int i = first; i < Math.min(first + BATCH, run.cases()); i++)
                {
                    final SplittableRandom random = run.random(i);
                    final byte[] image = mutate(random, valid(random));
                    try
                    {
                        outcomes.merge(uploadAndActivate(client, random, image), 1, Integer::sum);
                    }
                    catch (final AssertionError | NodeException ex)
                    {
                        throw new AssertionError(run.describe(i) + " node=" + name + " size=" + image.length + ": " +
                            ex.getMessage(), ex);
                    }
                }
            }
            devfs.awaitQuiet();
            if (!name.equals("(base)"))
            {
                final int minor = devfs.minor(name);
                assertEquals(devfs.attribute(minor, "resources"), devfs.attribute(minor, "free"),
                    name + ": the pool is whole again after the session closed");
            }
            devfs.assertHealthyAndIdle();
        }
        LOG.info("{} outcomes={}", run, outcomes);
        assertTrue(outcomes.containsKey("executed") && outcomes.containsKey("ENOSPC"), outcomes.toString());
    }

    private static String uploadAndActivate(final NodeClient client, final SplittableRandom random, final byte[] image)
        throws NodeException
    {
        final int slot = random.nextInt(4);
        final WorkloadRunner runner = new WorkloadRunner(client, 1 + random.nextInt(WorkloadRunner.MAX_CHUNK));
        try
        {
            runner.load(slot, image);
        }
        catch (final NodeException ex)
        {
            assertEquals(Errno.E2BIG, ex.errno(), ex.getMessage());
            assertTrue(image.length > MAX_IMAGE, "E2BIG for an image of " + image.length + " bytes");
            return "upload E2BIG";
        }
        assertTrue(image.length <= MAX_IMAGE, "an image over the limit was uploaded: " + image.length);
        final String verdict = verdict(image);
        final PoolInfo pool = client.poolQuery();
        final ManageResponse answer = client.transact(new ManageRequest().activate(slot));
        final int status = answer.status(0);
        if (status == Errno.EBADMSG.status())
        {
            assertNotNull(verdict, "EBADMSG for an image the validator accepts");
            return "EBADMSG";
        }
        assertNull(verdict, "an invalid image was not refused with EBADMSG: status=" + status);
        final int shortMask = shortMask(image, pool);
        if (status == Errno.ENOSPC.status())
        {
            assertEquals(shortMask, answer.body(0).order(ByteOrder.LITTLE_ENDIAN).getInt(4), "short mask");
            assertTrue(shortMask != 0, "ENOSPC although the pool has room: " + pool);
            return "ENOSPC";
        }
        assertEquals(0, status, "ACTIVATE of a valid image");
        assertEquals(0, shortMask, "admitted although the pool is short: " + pool);
        final int dbc = answer.activate(0).dbcId();
        final byte[] input = new byte[random.nextInt(1024)];
        random.nextBytes(input);
        assertArrayEquals(expectedOutput(image, input), runner.execute(dbc, input), "EXECUTE output");
        if (random.nextInt(4) != 0)
        {
            runner.deactivate(dbc);
        }
        return "executed";
    }

    /** @return the firmware validator's refusal, or null for a valid image. */
    private static String verdict(final byte[] image)
    {
        try
        {
            WorkloadImageValidator.validate(new WorkloadImageDescriptor()
                .wrap(ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN), 0, image.length));
            return null;
        }
        catch (final InvalidImageException ex)
        {
            return ex.getMessage();
        }
    }

    private static int shortMask(final byte[] image, final PoolInfo pool)
    {
        final ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int mask = 0;
        for (final Resource r : Resource.values())
        {
            mask |= b.getLong(40 + 8 * r.ordinal()) > pool.free().get(r) ? 1 << r.ordinal() : 0;
        }
        return mask;
    }

    private static byte[] expectedOutput(final byte[] image, final byte[] input)
    {
        final ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        switch (b.getInt(80))
        {
            case WorkloadOp.ECHO:
                return input;
            case WorkloadOp.CRC32C:
            {
                final CRC32C crc = new CRC32C();
                crc.update(input);
                return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int)crc.getValue()).array();
            }
            default:
            {
                final byte[] out = input.clone();
                for (int i = 0; i < out.length; i++)
                {
                    out[i] ^= (byte)b.getInt(84);
                }
                return out;
            }
        }
    }

    private static byte[] valid(final SplittableRandom random)
    {
        final byte[] payload = new byte[random.nextInt(16) == 0 ? MAX_IMAGE - 128 + random.nextInt(8192) - 4096 :
            random.nextInt(4096)];
        final long size = 128 + payload.length;
        return new WorkloadImageWriter().name("img-" + random.nextInt(1000))
            .needs(random.nextInt(8) == 0 ? 4 : 1, size + random.nextInt(random.nextInt(20) == 0 ? 1 << 30 : 1 << 20),
                random.nextInt(8) == 0 ? 8 : random.nextInt(3), random.nextInt(8) == 0 ? 15 : random.nextInt(3),
                random.nextInt(8) == 0 ? 4 : 1)
            .op(1 + random.nextInt(3)).opArg(random.nextInt()).payload(payload).toBytes();
    }

    /** Field edits (CRC restamped most of the time), bit flips, truncation, extension, or none. */
    private static byte[] mutate(final SplittableRandom random, final byte[] valid)
    {
        byte[] image = valid;
        final ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        switch (random.nextInt(8))
        {
            case 0:
            case 1:
                return image;
            case 2:
                b.putInt(4 * random.nextInt(24), random.nextInt(4) == 0 ? 0 : random.nextInt());
                break;
            case 3:
                b.putLong(40 + 8 * random.nextInt(5), new long[]{0, -1, 1L << 40, random.nextLong()}[random.nextInt(4)]);
                break;
            case 4:
                for (int n = 1 + random.nextInt(4); n > 0; n--)
                {
                    image[random.nextInt(Math.min(image.length, 256))] ^= (byte)(1 << random.nextInt(8));
                }
                break;
            case 5:
                image = Arrays.copyOf(image, 1 + random.nextInt(image.length));
                break;
            case 6:
                image = Arrays.copyOf(image, image.length + 1 + random.nextInt(64));
                break;
            default:
                image[100 + random.nextInt(28)] = (byte)(1 + random.nextInt(255));
                break;
        }
        if (image.length >= CRC_AT + 4 && random.nextInt(4) != 0)
        {
            final CRC32 crc = new CRC32();
            crc.update(image, 0, CRC_AT);
            ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(CRC_AT, (int)crc.getValue());
        }
        return image;
    }
}
