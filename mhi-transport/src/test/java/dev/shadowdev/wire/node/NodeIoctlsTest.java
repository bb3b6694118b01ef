package dev.shadowdev.wire.node;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NodeIoctlsTest
{
    @Test
    void numbersAreTheAbis()
    {
        assertEquals(0x80805301, NodeIoctls.SD_IOC_INFO);
        assertEquals(0xD0005302, NodeIoctls.SD_IOC_MANAGE);
        assertEquals(0xC0105303, NodeIoctls.SD_IOC_PART_DEV);
    }

    @Test
    void sizesComeBackOutOfTheNumbers()
    {
        assertEquals(128, NodeIoctls.size(NodeIoctls.SD_IOC_INFO));
        assertEquals(4096, NodeIoctls.size(NodeIoctls.SD_IOC_MANAGE));
        assertEquals(16, NodeIoctls.size(NodeIoctls.SD_IOC_PART_DEV));
    }

    @Test
    void directionsComeBackOutOfTheNumbers()
    {
        assertFalse(NodeIoctls.copiesIn(0x80805301));
        assertTrue(NodeIoctls.copiesOut(0x80805301));
        assertTrue(NodeIoctls.copiesIn(0xC0105303));
        assertTrue(NodeIoctls.copiesOut(0xC0105303));
        assertTrue(NodeIoctls.copiesIn(0x40045401));
        assertFalse(NodeIoctls.copiesOut(0x40045401));
        assertFalse(NodeIoctls.copiesIn(0x5401));
        assertFalse(NodeIoctls.copiesOut(0x5401));
    }

    @Test
    void names()
    {
        assertEquals("SD_IOC_INFO", NodeIoctls.name(0x80805301));
        assertEquals("SD_IOC_MANAGE", NodeIoctls.name(0xD0005302));
        assertEquals("SD_IOC_PART_DEV", NodeIoctls.name(0xC0105303));
        assertEquals("UNKNOWN", NodeIoctls.name(0x5401));
    }

    @Test
    void nodeTypes()
    {
        final int[] types = {1, 5, 7, 0xA, 0xC, 0x101, 0x102, 0x103, 0x104, 0x105};
        final String[] names = {"PASSTHROUGH", "DMA_XFER", "ACTIVATE", "DEACTIVATE", "STATUS", "EXECUTE",
            "PART_CREATE", "PART_DESTROY", "PART_QUERY", "POOL_QUERY"};
        for (int i = 0; i < types.length; i++)
        {
            assertTrue(NodeTypes.isKnown(types[i]));
            assertEquals(names[i], NodeTypes.name(types[i]));
        }
        assertFalse(NodeTypes.isKnown(2));
        assertEquals("PART_RESIZE", NodeTypes.name(0x106));
        assertEquals("UNKNOWN", NodeTypes.name(0x10A));
    }
}
