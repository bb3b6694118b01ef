package dev.shadowdev.wire;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.shadowdev.wire.WireTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class WireTypesTest
{
    @Test
    void qaicNumbers()
    {
        assertArrayEquals(
            new int[]{3, 4, 6, 8, 9, 11, 14, 15, 16, 17, 18, 19, 20},
            new int[]{PASSTHROUGH_FROM_DEV, PASSTHROUGH_TO_DEV, DMA_XFER_TO_DEV, ACTIVATE_FROM_DEV, ACTIVATE_TO_DEV,
                DEACTIVATE_FROM_DEV, STATUS_FROM_DEV, STATUS_TO_DEV, TERMINATE_FROM_DEV, TERMINATE_TO_DEV,
                DMA_XFER_CONT, VALIDATE_PARTITION_FROM_DEV, VALIDATE_PARTITION_TO_DEV});
    }

    @Test
    void extensionsAreEvenToDevAndOddFromDev()
    {
        for (final int type : new int[]{DEACTIVATE_TO_DEV, PART_CREATE_TO_DEV, PART_DESTROY_TO_DEV,
            PART_QUERY_TO_DEV, POOL_QUERY_TO_DEV})
        {
            assertEquals(0, type & 1, name(type));
            assertTrue(type >= 0x100 && isToDev(type));
        }
        for (final int type : new int[]{PART_CREATE_FROM_DEV, PART_DESTROY_FROM_DEV, PART_QUERY_FROM_DEV,
            POOL_QUERY_FROM_DEV, RESULT_FROM_DEV})
        {
            assertEquals(1, type & 1, name(type));
            assertTrue(type >= 0x100 && isFromDev(type));
        }
    }

    @Test
    void everyTypeHasOneDirectionOneNameAndALayout() throws IllegalAccessException
    {
        final Set<Integer> seen = new HashSet<>();
        int types = 0;
        for (final Field field : WireTypes.class.getFields())
        {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != int.class)
            {
                continue;
            }
            final int type = field.getInt(null);
            assertTrue(seen.add(type), "duplicate id " + field.getName());
            assertEquals(field.getName(), name(type));
            if (type == UNDEFINED)
            {
                assertFalse(isToDev(type) || isFromDev(type));
                continue;
            }
            types++;
            assertNotEquals(isToDev(type), isFromDev(type), field.getName());
            assertEquals(field.getName().endsWith("_TO_DEV"), isToDev(type), field.getName());
            assertTrue(WireLayouts.minLength(type) >= 8, field.getName());
        }
        assertEquals(30, types);
        assertEquals("UNKNOWN", name(0x999));
        assertEquals(-1, WireLayouts.minLength(0x999));
    }

    @Test
    void everyRequestHasAResponseTypeOfTheOtherDirection()
    {
        final int[][] pairs = {
            {PASSTHROUGH_TO_DEV, PASSTHROUGH_FROM_DEV}, {DMA_XFER_TO_DEV, RESULT_FROM_DEV},
            {ACTIVATE_TO_DEV, ACTIVATE_FROM_DEV}, {STATUS_TO_DEV, STATUS_FROM_DEV},
            {TERMINATE_TO_DEV, TERMINATE_FROM_DEV}, {VALIDATE_PARTITION_TO_DEV, VALIDATE_PARTITION_FROM_DEV},
            {DEACTIVATE_TO_DEV, DEACTIVATE_FROM_DEV}, {PART_CREATE_TO_DEV, PART_CREATE_FROM_DEV},
            {PART_DESTROY_TO_DEV, PART_DESTROY_FROM_DEV}, {PART_QUERY_TO_DEV, PART_QUERY_FROM_DEV},
            {POOL_QUERY_TO_DEV, POOL_QUERY_FROM_DEV}};
        for (final int[] pair : pairs)
        {
            assertEquals(pair[1], responseTypeOf(pair[0]), name(pair[0]));
            assertTrue(isFromDev(pair[1]));
        }
        assertEquals(UNDEFINED, responseTypeOf(STATUS_FROM_DEV));
        assertEquals(UNDEFINED, responseTypeOf(0x999));
    }

    @Test
    void statusOffsets()
    {
        assertEquals(12, WireLayouts.statusOffset(STATUS_FROM_DEV));
        assertEquals(8, WireLayouts.statusOffset(ACTIVATE_FROM_DEV));
        assertEquals(8, WireLayouts.statusOffset(RESULT_FROM_DEV));
        assertEquals(-1, WireLayouts.statusOffset(PASSTHROUGH_FROM_DEV));
        assertEquals(-1, WireLayouts.statusOffset(DMA_XFER_CONT));
        assertEquals(-1, WireLayouts.statusOffset(STATUS_TO_DEV));
    }

    @Test
    void directionLimits()
    {
        assertEquals(65536, WireDirection.TO_DEV.maxLength());
        assertEquals(65536, WireDirection.FROM_DEV.maxLength());
        assertTrue(WireDirection.TO_DEV.carries(DMA_XFER_TO_DEV));
        assertFalse(WireDirection.TO_DEV.carries(DMA_XFER_CONT));
        assertTrue(WireDirection.FROM_DEV.carries(DMA_XFER_CONT));
    }
}
