package dev.shadowdev.firmware.fuzz;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.firmware.model.DeviceProfile;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.firmware.model.PartitionInfo;
import dev.shadowdev.firmware.model.PoolSnapshot;
import dev.shadowdev.firmware.model.WorkloadInfo;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated workload images loaded into slots and activated on the firmware model, in a partition and in the global
 * pool. Each image is judged first by {@link ImageOracle}: an invalid one must be refused with EBADMSG and exactly
 * the oracle's message (the first wrong field, named); a valid one must be admitted, or refused with ENOSPC and
 * exactly the short mask computed from the pool's free amounts before the call. Nothing leaks: every 16 cases the
 * handles are terminated and every slot, workload and used amount must be gone, with the accounts balanced.
 */
class ImageFuzzTest
{
    private static final Logger LOG = FuzzRun.logger(ImageFuzzTest.class);
    private static final int CI_CASES = 4000;
    private static final int HANDLES = 3;
    private static final int SLOTS = 3;
    private static final int TERMINATE_EVERY = 16;
    private static final String[] NAME_CHARS = {"a", "z", "0", "-", "_", ".", "é", "漢", "😀", " "};

    enum Mutation
    {
        NONE, MAGIC, VERSION, HEADER_LEN, CRC, RESERVED, NAME_UNTERMINATED, NAME_PADDING, NAME_MALFORMED, OP, NEED,
        PAYLOAD_LEN, MEMORY_SMALL, TRUNCATE, EXTEND, BIT_FLIPS, RANDOM_BYTES
    }

    @Test
    void everyImageIsEitherAdmittedByTheRulesOrEbadmsgNamingItsFirstWrongField() throws FirmwareException
    {
        final FuzzRun run = FuzzRun.of("image", CI_CASES);
        final Firmware firmware = new Firmware(DeviceProfile.aic100(), true);
        final int partition = firmware.createPartition(-1, 0, "image-fuzz", new long[]{3, 64L << 20, 2, 2, 3});
        final Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < run.cases(); i++)
        {
            final SplittableRandom random = run.random(i);
            final Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            final byte[] image = mutate(random, valid(random), mutation);
            final int owner = random.nextBoolean() ? partition : -1;
            final int handle = 1 + random.nextInt(HANDLES);
            final int slot = random.nextInt(SLOTS);
            try
            {
                outcomes.merge(loadAndActivate(firmware, owner, handle, slot, image, random.nextBoolean()), 1,
                    Integer::sum);
                if (i % TERMINATE_EVERY == TERMINATE_EVERY - 1)
                {
                    terminateAll(firmware, partition);
                }
            }
            catch (final AssertionError ex)
            {
                throw new AssertionError(run.describe(i) + " mutation=" + mutation + " size=" + image.length + ": " +
                    ex.getMessage(), ex);
            }
        }
        terminateAll(firmware, partition);
        LOG.info("{} outcomes={}", run, outcomes);
        assertTrue(outcomes.containsKey("activated") && outcomes.containsKey("ENOSPC"), outcomes.toString());
    }

    private static String loadAndActivate(final Firmware firmware, final int owner, final int handle, final int slot,
        final byte[] image, final boolean deactivate) throws FirmwareException
    {
        final String expected = ImageOracle.verdict(image);
        firmware.loadImage(owner, handle, slot, 0, ByteBuffer.wrap(image), 0, image.length);
        assertEquals(image.length, firmware.slotLength(owner, handle, slot), "slot holds the image");
        final PoolSnapshot pool = firmware.queryPool(owner, 0);
        final WorkloadInfo workload;
        try
        {
            workload = firmware.activate(owner, handle, slot);
        }
        catch (final FirmwareException ex)
        {
            if (expected != null)
            {
                assertEquals(Errno.EBADMSG, ex.errno(), ex.getMessage());
                assertEquals(expected, ex.getMessage(), "the first wrong field, named");
                return "EBADMSG " + expected.substring(0, expected.indexOf(':'));
            }
            assertEquals(Errno.ENOSPC, ex.errno(), "a valid image: " + ex.getMessage());
            assertEquals(shortMask(image, pool), ex.shortMask(), "short mask");
            return "ENOSPC";
        }
        assertNull(expected, "admitted although invalid");
        assertEquals(0, shortMask(image, pool), "admitted although short");
        if (deactivate)
        {
            firmware.deactivate(owner, handle, workload.dbcId());
        }
        return "activated";
    }

    private static void terminateAll(final Firmware firmware, final int partition) throws FirmwareException
    {
        for (final int owner : new int[]{partition, -1})
        {
            for (int handle = 1; handle <= HANDLES; handle++)
            {
                firmware.terminate(owner, handle);
                for (int slot = 0; slot < SLOTS; slot++)
                {
                    assertEquals(-1, firmware.slotLength(owner, handle, slot), "slot dropped by TERMINATE");
                }
            }
        }
        assertEquals(0, firmware.queryWorkloads(-1, 0).size(), "workloads left");
        for (final PartitionInfo info : firmware.queryPartitions(-1, 0))
        {
            assertEquals(0, info.activeWorkloads());
            for (int r = 0; r < Resource.COUNT; r++)
            {
                assertEquals(0, info.used().get(r), "partition used " + Resource.of(r).key());
            }
        }
        final PoolSnapshot global = firmware.queryPool(-1, 0);
        for (int r = 0; r < Resource.COUNT; r++)
        {
            assertEquals(0, global.used().get(r), "global used " + Resource.of(r).key());
        }
        WireFuzzTest.assertAccountsBalance(firmware);
    }

    /** @return bit r for each resource r the image needs more of than the pool has free. */
    private static int shortMask(final byte[] image, final PoolSnapshot pool)
    {
        final ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int mask = 0;
        for (int r = 0; r < Resource.COUNT; r++)
        {
            mask |= b.getLong(ImageOracle.NEEDS_AT + 8 * r) > pool.free().get(r) ? 1 << r : 0;
        }
        return mask;
    }

    private static byte[] valid(final SplittableRandom random)
    {
        final StringBuilder name = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--)
        {
            name.append(NAME_CHARS[random.nextInt(NAME_CHARS.length)]);
        }
        while (name.toString().getBytes(StandardCharsets.UTF_8).length > 31)
        {
            name.setLength(name.length() - 1);
        }
        final byte[] payload = new byte[random.nextInt(8) == 0 ? random.nextInt(64 * 1024) : random.nextInt(512)];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)random.nextInt(256);
        }
        final long size = ImageOracle.HEADER + payload.length;
        final long memory = random.nextInt(10) == 0 ? 1L << (27 + random.nextInt(8)) : size + random.nextInt(1 << 20);
        return new WorkloadImageWriter().name(name.toString().replace("\0", ""))
            .needs(1 + random.nextInt(4), memory, random.nextInt(4), random.nextInt(4), 1 + random.nextInt(3))
            .op(1 + random.nextInt(3)).opArg(random.nextInt()).payload(payload).toBytes();
    }

    private static byte[] mutate(final SplittableRandom random, final byte[] valid, final Mutation mutation)
    {
        byte[] image = valid;
        final ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        boolean restamp = true;
        switch (mutation)
        {
            case NONE:
                break;
            case MAGIC:
                b.putInt(0, random.nextInt());
                break;
            case VERSION:
                b.putShort(4, (short)(random.nextBoolean() ? random.nextInt(1 << 16) : 2));
                break;
            case HEADER_LEN:
                b.putShort(6, (short)new int[]{0, 64, 127, 129, 256, random.nextInt(1 << 16)}[random.nextInt(6)]);
                break;
            case CRC:
                b.putInt(ImageOracle.CRC_AT, random.nextInt());
                restamp = false;
                break;
            case RESERVED:
                image[ImageOracle.RESERVED_AT + random.nextInt(ImageOracle.HEADER - ImageOracle.RESERVED_AT)] =
                    (byte)(1 + random.nextInt(255));
                break;
            case NAME_UNTERMINATED:
                for (int i = 0; i < ImageOracle.NAME_BYTES; i++)
                {
                    image[ImageOracle.NAME_AT + i] = (byte)(1 + random.nextInt(127));
                }
                break;
            case NAME_PADDING:
                image[ImageOracle.NAME_AT + ImageOracle.NAME_BYTES - 1 - random.nextInt(2)] = (byte)(1 + random.nextInt(255));
                break;
            case NAME_MALFORMED:
                image[ImageOracle.NAME_AT + random.nextInt(4)] = (byte)(0x80 + random.nextInt(128));
                break;
            case OP:
                b.putInt(ImageOracle.OP_AT, random.nextBoolean() ? random.nextInt(8) : random.nextInt());
                break;
            case NEED:
                b.putLong(ImageOracle.NEEDS_AT + 8 * random.nextInt(5), new long[]{0, -1, Long.MIN_VALUE,
                    Long.MAX_VALUE, 1L << 40, random.nextLong(), 1 + random.nextInt(20)}[random.nextInt(7)]);
                break;
            case PAYLOAD_LEN:
                b.putLong(ImageOracle.PAYLOAD_LEN_AT, b.getLong(ImageOracle.PAYLOAD_LEN_AT) +
                    (random.nextBoolean() ? random.nextInt(17) - 8 : random.nextLong()));
                break;
            case MEMORY_SMALL:
                b.putLong(ImageOracle.NEEDS_AT + 8, Math.max(0, image.length - 1 - random.nextInt(image.length)));
                break;
            case TRUNCATE:
                image = Arrays.copyOf(image, 1 + random.nextInt(image.length));
                restamp = false;
                break;
            case EXTEND:
                image = Arrays.copyOf(image, image.length + 1 + random.nextInt(256));
                restamp = false;
                break;
            case BIT_FLIPS:
                for (int n = 1 + random.nextInt(4); n > 0; n--)
                {
                    image[random.nextInt(image.length)] ^= (byte)(1 << random.nextInt(8));
                }
                restamp = random.nextBoolean();
                break;
            case RANDOM_BYTES:
                image = new byte[1 + random.nextInt(512)];
                for (int i = 0; i < image.length; i++)
                {
                    image[i] = (byte)random.nextInt(256);
                }
                if (image.length >= ImageOracle.HEADER && random.nextBoolean())
                {
                    ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0, ImageOracle.MAGIC)
                        .putShort(4, (short)1).putShort(6, (short)ImageOracle.HEADER);
                }
                else
                {
                    restamp = false;
                }
                break;
            default:
                throw new IllegalStateException("mutation: " + mutation);
        }
        if (restamp && image.length >= ImageOracle.RESERVED_AT)
        {
            final CRC32 crc = new CRC32();
            crc.update(image, 0, ImageOracle.CRC_AT);
            ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(ImageOracle.CRC_AT, (int)crc.getValue());
        }
        return image;
    }
}
