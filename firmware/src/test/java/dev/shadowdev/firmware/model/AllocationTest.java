package dev.shadowdev.firmware.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationTest
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
}
