package dev.shadowdev.firmware.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PoolTest
{
    @Test
    void unitMasks()
    {
        assertEquals(0L, Allocation.firstUnits(0));
        assertEquals(0xFFFFL, Allocation.firstUnits(16));
        assertEquals(-1L, Allocation.firstUnits(64));
        assertEquals(0b0101_0000L, Allocation.lowestUnits(0b1101_0000L, 2));
        assertEquals(0L, Allocation.lowestUnits(0b1101_0000L, 0));
        assertEquals(Long.MIN_VALUE | 1, Allocation.lowestUnits(Long.MIN_VALUE | 1, 2));
    }

    @Test
    void takeUsesTheLowestFreeUnitsAndGiveBackReturnsThem()
    {
        final Pool pool = new Pool(new Allocation(new long[]{ 4, 100, 2, 2, 3 }, 0b1111_0000L, 0b0111L));

        final Allocation first = pool.take(new long[]{ 2, 60, 1, 0, 1 });
        final Allocation second = pool.take(new long[]{ 1, 40, 1, 2, 2 });

        assertEquals(0b0011_0000L, first.coreMask());
        assertEquals(0b0001L, first.dmaMask());
        assertEquals(0b0100_0000L, second.coreMask());
        assertEquals(0b0110L, second.dmaMask());
        assertEquals(0, pool.free(1));
        assertEquals(0b1111_0000L, pool.ownedCoreMask());
        assertEquals(0b11111, pool.shortMask(new long[]{ 2, 1, 1, 1, 1 }));
        assertEquals(0, pool.shortMask(new long[]{ 1, 0, 0, 0, 0 }));

        pool.giveBack(first);

        assertEquals(0b0111, pool.shortMask(new long[]{ 4, 61, 2, 0, 1 }));
        assertEquals(new PoolSnapshot(ResourceVector.of(4, 100, 2, 2, 3), ResourceVector.of(3, 60, 1, 0, 1),
            ResourceVector.of(1, 40, 1, 2, 2), 0b1111_0000L, 0b0111L), pool.info(ResourceVector.of(4, 100, 2, 2, 3)));
    }

    @Test
    void carveRemovesUnitsFromThePoolAndRestorePutsThemBack()
    {
        final Pool pool = new Pool(new Allocation(new long[]{ 4, 100, 2, 2, 4 }, 0b1111L, 0b1111L));
        pool.take(new long[]{ 1, 10, 0, 0, 1 });

        final Allocation carved = pool.carve(new long[]{ 2, 50, 1, 1, 2 });

        assertEquals(0b0110L, carved.coreMask());
        assertEquals(0b0110L, carved.dmaMask());
        assertEquals(0b1001L, pool.ownedCoreMask());
        assertEquals(2, pool.owned(0));
        assertEquals(1, pool.free(0));
        assertEquals(40, pool.free(1));

        pool.restore(carved);

        assertEquals(0b1111L, pool.ownedCoreMask());
        assertEquals(0b1111L, pool.ownedDmaMask());
        assertEquals(90, pool.free(1));
    }
}
