package dev.shadowdev.firmware.qsm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmaContinuationTest
{
    @Test
    void aTransferGoesFreeReceivingFree()
    {
        final DmaContinuation chunk = new DmaContinuation();
        assertEquals(DmaContinuation.FREE, chunk.state());
        chunk.claim(3, 7, 42);
        chunk.started(2, 100, 4096);
        assertEquals(DmaContinuation.RECEIVING, chunk.state());
        assertTrue(chunk.is(3, 7, 42));
        assertFalse(chunk.is(3, 8, 42), "another handle of the partition");
        assertFalse(chunk.is(4, 7, 42), "the same handle in another partition");
        chunk.received(1000);
        assertEquals(5096, chunk.xferredSize());
        assertEquals(100, chunk.startLength());
        chunk.release();
        assertEquals(DmaContinuation.FREE, chunk.state());
        assertFalse(chunk.is(3, 7, 42));
        chunk.release();
        assertEquals(DmaContinuation.FREE, chunk.state());
    }

    @Test
    void theGateRefusesWhatTheTableDoesNotAllow()
    {
        final DmaContinuation chunk = new DmaContinuation();
        final IllegalStateException received = assertThrows(IllegalStateException.class, () -> chunk.received(1));
        assertEquals("dma continuation state refused: from=FREE to=RECEIVING dma_chunk_id=0", received.getMessage());
        chunk.claim(1, 1, 9);
        final IllegalStateException claimed = assertThrows(IllegalStateException.class, () -> chunk.claim(1, 1, 10));
        assertEquals("dma continuation state refused: from=RECEIVING to=RECEIVING dma_chunk_id=9", claimed.getMessage());
        assertTrue(chunk.is(1, 1, 9), "a refused claim changes nothing");
    }

    @Test
    void theTableKeysByOwnerAndChunkAndDropsByOwnerOrPartition()
    {
        final DmaContinuations table = new DmaContinuations();
        final DmaContinuation a = table.claim(1, 10, 5);
        final DmaContinuation b = table.claim(1, 11, 5);
        final DmaContinuation c = table.claim(2, 10, 5);
        assertSame(a, table.find(1, 10, 5));
        assertSame(b, table.find(1, 11, 5));
        assertNull(table.find(1, 10, 6));
        assertEquals(3, table.inProgress());
        assertEquals(1, table.dropOwner(1, 10));
        assertEquals(1, table.dropPartition(2));
        assertEquals(DmaContinuation.FREE, c.state());
        assertEquals(1, table.inProgress());
        for (int i = 0; i < DmaContinuations.MAX_IN_PROGRESS - 1; i++)
        {
            assertNotNull(table.claim(3, 1, i + 1));
        }
        assertNull(table.claim(3, 1, 100), "at most MAX_IN_PROGRESS at once");
        table.clear();
        assertEquals(0, table.inProgress());
    }
}
