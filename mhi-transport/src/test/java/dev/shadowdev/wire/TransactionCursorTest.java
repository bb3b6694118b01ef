package dev.shadowdev.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TransactionCursorTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[256]);
    private final TransactionCursor cursor = new TransactionCursor();

    @Test
    void visitsEveryTransactionInOrder()
    {
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 16, 240);
        writer.begin(1, 2, 3);
        final int first = writer.appendStatus();
        final int second = writer.appendTerminate(4);
        writer.finish(false);

        cursor.wrapWireMessage(buffer, 16);
        assertTrue(cursor.next());
        assertEquals(0, cursor.index());
        assertEquals(first, cursor.offset());
        assertEquals(WireTypes.STATUS_TO_DEV, cursor.type());
        assertEquals(8, cursor.length());
        assertFalse(cursor.isComplete());
        assertTrue(cursor.next());
        assertEquals(1, cursor.index());
        assertEquals(second, cursor.offset());
        assertEquals(16, cursor.length());
        assertTrue(cursor.isComplete());
        assertFalse(cursor.next());
    }

    @Test
    void stopsInsteadOfReadingPastTheMessage()
    {
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 0, 256);
        writer.begin(1, 2, 3);
        writer.appendStatus();
        writer.finish(false);
        buffer.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 1000);
        buffer.putInt(32 + 4, 0x7FFF_FFF8);

        cursor.wrapWireMessage(buffer, 0);
        assertFalse(cursor.next());
        assertFalse(cursor.isComplete());

        buffer.putInt(32 + 4, 8);
        buffer.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, -1);
        cursor.wrapWireMessage(buffer, 0);
        int seen = 0;
        while (cursor.next())
        {
            seen++;
        }
        assertTrue(seen < 1000);

        cursor.wrapWireMessage(buffer, 250);
        assertFalse(cursor.next());
    }
}
