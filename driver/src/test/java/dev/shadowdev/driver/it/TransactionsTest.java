package dev.shadowdev.driver.it;

import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.NameField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every node transaction of ABI.md 1.3 against the real firmware, with its errors. */
class TransactionsTest
{
    private static final long GIB = 1L << 30;

    private final Rig rig = new Rig().up();
    private final Client base = rig.base();

    @AfterEach
    void close()
    {
        base.close();
        rig.close();
    }

    @Test
    void passthroughIsEchoed()
    {
        final byte[] data = new byte[4000];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)i;
        }
        final Rsp rsp = base.transact(Msg.tag(1).passthrough(data).passthrough(new byte[8]));
        assertEquals(List.of("PASSTHROUGH:0", "PASSTHROUGH:0"), rsp.statuses());
        assertArrayEquals(data, rsp.txn(0).body());
    }

    @Test
    void statusReportsVersionAndCrcFlag()
    {
        final Rsp.Txn status = base.transact(Msg.tag(1).status()).txn(0);
        assertEquals(0, status.status());
        final ByteBuffer b = ByteBuffer.wrap(status.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, b.getShort(0));
        assertEquals(0, b.getShort(2));
        assertEquals(0, b.getInt(4));
        assertEquals(1L, b.getLong(8));
    }

    @Test
    void poolQueryOnTheBaseNodeIsTheWholeCard()
    {
        final Rsp.Txn pool = base.transact(Msg.tag(1).poolQuery()).txn(0);
        assertEquals(0, pool.status());
        assertEquals(List.of(16L, 32 * GIB, 32L, 64L, 16L), vector(pool, 0));
        assertEquals(List.of(16L, 32 * GIB, 32L, 64L, 16L), vector(pool, 40));
    }

    @Test
    void partitionsAreCreatedQueriedAndDestroyed()
    {
        final Rsp created = base.transact(Msg.tag(1).partCreate("alpha", 2, GIB, 2, 2, 2)
            .partCreate("alpha", 1, GIB, 1, 1, 1).partCreate("huge", 100, GIB, 1, 1, 1));
        assertEquals(List.of("PART_CREATE:0", "PART_CREATE:-17", "PART_CREATE:-28"), created.statuses());
        final int id = created.txn(0).i32(0);
        assertTrue(id >= 1);
        assertEquals(1, created.txn(2).i32(4));

        final Rsp.Txn query = base.transact(Msg.tag(2).partQuery()).txn(0);
        assertEquals(0, query.status());
        assertEquals(1, query.i32(0));
        assertEquals(id, query.i32(8));
        assertEquals("alpha", NameField.get(query.view(), 8 + 8));
        assertEquals(2L, query.i64(8 + 40));

        final Rsp pool = base.transact(Msg.tag(3).poolQuery());
        assertEquals(14L, pool.txn(0).i64(40));

        final Rsp destroyed = base.transact(Msg.tag(4).partDestroy(id, 0).partDestroy(id, 0));
        assertEquals(List.of("PART_DESTROY:0", "PART_DESTROY:-2"), destroyed.statuses());
        assertEquals(16L, base.transact(Msg.tag(5).poolQuery()).txn(0).i64(40));
    }

    @Test
    void dmaXferChecksTheOffsetAgainstWhatTheSessionLoaded()
    {
        final byte[] image = Rig.echoImage();
        final int half = 96;
        final int sent = rig.wire.sentCount();
        final Rsp bad = base.transact(Msg.tag(1).dmaXfer(4, 8, image, 0, half));
        assertEquals(List.of("DMA_XFER:-22"), bad.statuses());
        assertEquals(sent, rig.wire.sentCount());

        final Rsp pieces = base.transact(Msg.tag(2).dmaXfer(4, 0, image, 0, half)
            .dmaXfer(4, half, image, half, image.length - half).dmaXfer(4, 5, image, 0, 8).activate(4));
        assertEquals(List.of("DMA_XFER:0", "DMA_XFER:0", "DMA_XFER:-22", "ACTIVATE:0"), pieces.statuses());
        assertEquals(image.length, rig.card.firmware().slotLength(-1, handle(), 4));

        final Rsp restart = base.transact(Msg.tag(3).dmaXfer(4, 0, image, 0, 8).dmaXfer(4, 8, image, 8, 8));
        assertEquals(List.of("DMA_XFER:0", "DMA_XFER:0"), restart.statuses());
        assertEquals(16, rig.card.firmware().slotLength(-1, handle(), 4));
    }

    @Test
    void activateExecuteDeactivate()
    {
        final int echo = base.load(1, Rig.echoImage());
        final int crc = base.load(2, Rig.image(WorkloadOp.CRC32C, 0, 16));
        final int xor = base.load(3, Rig.image(WorkloadOp.XOR8, 0x5A, 16));
        final byte[] input = "hello, accelerator".getBytes();

        assertArrayEquals(input, base.execute(echo, input));
        final CRC32C expected = new CRC32C();
        expected.update(input);
        assertEquals((int)expected.getValue(),
            ByteBuffer.wrap(base.execute(crc, input)).order(ByteOrder.LITTLE_ENDIAN).getInt());
        final byte[] xored = base.execute(xor, input);
        for (int i = 0; i < input.length; i++)
        {
            assertEquals((byte)(input[i] ^ 0x5A), xored[i]);
        }
        final byte[] big = new byte[60_000];
        big[59_999] = 9;
        assertArrayEquals(big, base.execute(echo, big));

        assertEquals(List.of("DEACTIVATE:0"), base.transact(Msg.tag(4).deactivate(echo)).statuses());
        final int sent = rig.wire.sentCount();
        final long dbcRequests = rig.wire.dbcRequests();
        assertEquals(List.of("EXECUTE:-13", "DEACTIVATE:-13"),
            base.transact(Msg.tag(5).execute(echo, input).deactivate(echo)).statuses());
        assertEquals(sent, rig.wire.sentCount());
        assertEquals(dbcRequests, rig.wire.dbcRequests());
    }

    @Test
    void activateErrorsCarryTheFirmwaresReason()
    {
        final byte[] greedy = new WorkloadImageWriter().name("greedy").needs(17, 1 << 20, 0, 0, 1)
            .op(WorkloadOp.ECHO).toBytes();
        final byte[] broken = Rig.echoImage();
        broken[0] ^= 1;
        final Rsp rsp = base.transact(Msg.tag(1).activate(9)
            .dmaXfer(1, 0, greedy, 0, greedy.length).activate(1)
            .dmaXfer(2, 0, broken, 0, broken.length).activate(2));
        assertEquals(List.of("ACTIVATE:-2", "DMA_XFER:0", "ACTIVATE:-28", "DMA_XFER:0", "ACTIVATE:-74"),
            rsp.statuses());
        assertEquals(1, rsp.txn(2).i32(4));
        assertEquals(0, rig.driver.counters().get(dev.shadowdev.driver.counters.Counter.CONTROL_PROTOCOL_ERRORS));
    }

    @Test
    void executeInTheSameMessageAsItsActivateUsesTheAnsweredDbc()
    {
        final byte[] image = Rig.echoImage();
        final Rsp first = base.transact(Msg.tag(1).dmaXfer(1, 0, image, 0, image.length).activate(1));
        final int dbc = first.txn(1).i32(0);
        final Rsp rsp = base.transact(Msg.tag(2).status().execute(dbc, new byte[] { 1, 2, 3 }).poolQuery()
            .execute(dbc, new byte[] { 4 }));
        assertEquals(List.of("STATUS:0", "EXECUTE:0", "POOL_QUERY:0", "EXECUTE:0"), rsp.statuses());
        assertEquals(dbc, rsp.txn(1).i32(0));
        assertEquals(3, rsp.txn(1).i32(4));
        assertEquals(4, rsp.txn(3).body()[8]);
    }

    private int handle()
    {
        return ((dev.shadowdev.driver.session.Session)base.session).handle();
    }

    private static List<Long> vector(final Rsp.Txn txn, final int offset)
    {
        final ByteBuffer b = ByteBuffer.wrap(txn.body()).order(ByteOrder.LITTLE_ENDIAN);
        return List.of(b.getLong(offset), b.getLong(offset + 8), b.getLong(offset + 16), b.getLong(offset + 24),
            b.getLong(offset + 32));
    }
}
