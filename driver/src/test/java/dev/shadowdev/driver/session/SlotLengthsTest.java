package dev.shadowdev.driver.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlotLengthsTest
{
    @Test
    void slotsStartEmptyKeepTheirLengthsAndForgetOnClear()
    {
        final SlotLengths slots = new SlotLengths();
        assertEquals(0, slots.get(5));
        for (int slot = -100; slot < 1000; slot += 7)
        {
            slots.put(slot, slot * 3L + 1000);
        }
        slots.put(Integer.MIN_VALUE, SlotLengths.UNKNOWN);
        for (int slot = -100; slot < 1000; slot += 7)
        {
            assertEquals(slot * 3L + 1000, slots.get(slot));
        }
        assertEquals(SlotLengths.UNKNOWN, slots.get(Integer.MIN_VALUE));
        slots.put(-100, 1);
        assertEquals(1, slots.get(-100));
        slots.clear();
        assertEquals(0, slots.get(-100));
    }
}
