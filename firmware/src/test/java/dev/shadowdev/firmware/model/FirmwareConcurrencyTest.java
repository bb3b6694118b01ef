package dev.shadowdev.firmware.model;

import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirmwareConcurrencyTest
{
    private static final int BASE = -1;
    private static final int ROUNDS = 300;

    @Test
    void sessionsOnSeveralThreadsKeepTheBooks() throws Exception
    {
        final Firmware firmware = new Firmware(DeviceProfile.aic100(), true);
        final int[] partitions = {
            BASE,
            firmware.createPartition(BASE, 0, "a", new long[]{ 2, 1 << 20, 2, 2, 2 }),
            firmware.createPartition(BASE, 0, "b", new long[]{ 2, 1 << 20, 2, 2, 2 }),
        };
        final byte[] image = TestImages.image(WorkloadOp.XOR8, 0x0f, 1, 4096, 1, 1, 1);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<Integer>> sessions = new ArrayList<>();
            for (int i = 0; i < 6; i++)
            {
                final int partition = partitions[i % partitions.length];
                final int handle = 100 + i;
                sessions.add(pool.submit(() -> session(firmware, partition, handle, image)));
            }
            sessions.add(pool.submit(() -> observer(firmware)));
            for (final Future<Integer> session : sessions)
            {
                assertTrue(session.get(30, TimeUnit.SECONDS) > 0);
            }
        }
        finally
        {
            pool.shutdownNow();
        }

        assertEquals(List.of(), firmware.queryWorkloads(BASE, 0));
        assertEquals(ResourceVector.ZERO, firmware.queryPool(BASE, 0).used());
        assertEquals(ResourceVector.ZERO, firmware.queryPool(partitions[1], 0).used());
        assertEquals(ResourceVector.ZERO, firmware.queryPool(partitions[2], 0).used());
        long executions = 0;
        for (int core = 0; core < 16; core++)
        {
            executions += firmware.coreExecutions(core);
        }
        assertEquals(6L * ROUNDS, executions);
    }

    /** One session: upload, activate, execute, deactivate; partitions of two cores can be briefly full (ENOSPC). */
    private static int session(final Firmware firmware, final int partition, final int handle, final byte[] image)
        throws FirmwareException
    {
        final ByteBuffer in = ByteBuffer.wrap(new byte[]{ 1, 2, 3 });
        final ByteBuffer out = ByteBuffer.allocate(3);
        int done = 0;
        while (done < ROUNDS)
        {
            TestImages.load(firmware, partition, handle, 0, image);
            final WorkloadInfo workload;
            try
            {
                workload = firmware.activate(partition, handle, 0);
            }
            catch (final FirmwareException ex)
            {
                assertEquals("ENOSPC", ex.errno().name(), ex.getMessage());
                Thread.onSpinWait();
                continue;
            }
            assertEquals(3, firmware.execute(partition, handle, workload.dbcId(), in, 0, 3, out, 0, 3));
            assertEquals(0x0e0d0c, (out.get(0) & 0xff) << 16 | (out.get(1) & 0xff) << 8 | (out.get(2) & 0xff));
            firmware.deactivate(partition, handle, workload.dbcId());
            done++;
        }
        return firmware.terminate(partition, handle) + done;
    }

    private static int observer(final Firmware firmware) throws FirmwareException
    {
        int checks = 0;
        for (int i = 0; i < ROUNDS; i++)
        {
            final PoolSnapshot global = firmware.queryPool(BASE, 0);
            long reserved = 0;
            for (final PartitionInfo partition : firmware.queryPartitions(BASE, 0))
            {
                reserved += partition.reserved().get(0);
                assertTrue(partition.used().get(0) <= partition.reserved().get(0));
            }
            assertEquals(16, global.free().get(0) + global.used().get(0) + reserved);
            checks++;
        }
        return checks;
    }
}
