package dev.shadowdev.driver.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PendingTableTest
{
    @Test
    void slotsAreIndexedBySequenceNumber()
    {
        final PendingTable table = new PendingTable(5);
        assertEquals(8, table.capacity());
        final PendingRequest one = table.claim(1);
        assertNotNull(one);
        assertNull(table.claim(9));
        assertSame(one, table.find(1));
        assertNull(table.find(9));
        assertNull(table.find(2));
        assertEquals(1, table.inUse());
        table.free(one);
        table.free(one);
        assertEquals(0, table.inUse());
        assertNull(table.find(1));
        assertSame(one, table.claim(9));
        assertSame(one, table.find(9));
        assertEquals(1024, new PendingTable(1024).capacity());
    }
}
