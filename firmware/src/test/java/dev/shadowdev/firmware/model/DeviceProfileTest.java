package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceProfileTest
{
    @Test
    void aic100IsTheDefaultCard()
    {
        final DeviceProfile profile = DeviceProfile.aic100();

        assertEquals("aic100", profile.name());
        assertEquals(16, profile.capacity(Resource.CORES));
        assertEquals(34_359_738_368L, profile.capacity(Resource.MEMORY));
        assertEquals(32, profile.capacity(Resource.BUS_REPLICATORS));
        assertEquals(64, profile.capacity(Resource.SEMAPHORES));
        assertEquals(16, profile.capacity(Resource.DMA_CHANNELS));
        assertEquals(ResourceVector.of(16, 34_359_738_368L, 32, 64, 16), profile.capacity());
        assertEquals("aic100{cores=16, memory=34359738368, bus_replicators=32, semaphores=64, dma_channels=16}",
            profile.toString());
    }

    @Test
    void explicitProfilesAcceptTheLimits()
    {
        final DeviceProfile profile = DeviceProfile.of("big", 64, 0, 0, 0, 64);

        assertEquals(ResourceVector.of(64, 0, 0, 0, 64), profile.capacity());
        assertEquals(ResourceVector.of(1, 0, 0, 0, 1), DeviceProfile.of("tiny", 1, 0, 0, 0, 1).capacity());
    }

    @Test
    void identifiedUnitsMustFitALongBitmask()
    {
        assertRefused("bad capacity: cores=0 min=1 max=64", 0, 1, 1, 1, 1);
        assertRefused("bad capacity: cores=65 min=1 max=64", 65, 1, 1, 1, 1);
        assertRefused("bad capacity: dma_channels=0 min=1 max=64", 1, 1, 1, 1, 0);
        assertRefused("bad capacity: dma_channels=65 min=1 max=64", 1, 1, 1, 1, 65);
    }

    @Test
    void countedResourcesMustNotBeNegative()
    {
        assertRefused("bad capacity: memory=-1 min=0", 1, -1, 1, 1, 1);
        assertRefused("bad capacity: bus_replicators=-2 min=0", 1, 1, -2, 1, 1);
        assertRefused("bad capacity: semaphores=-3 min=0", 1, 1, 1, -3, 1);
    }

    @Test
    void refusesBadNameAndVectorLength()
    {
        assertEquals("bad profile name: name=",
            assertThrows(IllegalArgumentException.class, () -> DeviceProfile.of("", 1, 1, 1, 1, 1)).getMessage());
        assertEquals("bad capacity vector: length=4",
            assertThrows(IllegalArgumentException.class, () -> DeviceProfile.of("x", 1, 1, 1, 1)).getMessage());
    }

    @Test
    void resourceVectorsCompareByContentAndCopy()
    {
        final long[] values = { 1, 2, 3, 4, 5 };
        final ResourceVector vector = ResourceVector.of(values);
        values[0] = 9;
        vector.toArray()[1] = 9;

        assertEquals(ResourceVector.of(1, 2, 3, 4, 5), vector);
        assertEquals(ResourceVector.of(1, 2, 3, 4, 5).hashCode(), vector.hashCode());
        assertEquals(5, vector.get(Resource.DMA_CHANNELS));
        assertEquals("bad resource vector: length=6",
            assertThrows(IllegalArgumentException.class, () -> ResourceVector.of(1, 2, 3, 4, 5, 6)).getMessage());
    }

    private static void assertRefused(final String message, final long... capacities)
    {
        assertEquals(message,
            assertThrows(IllegalArgumentException.class, () -> DeviceProfile.of("x", capacities)).getMessage());
    }
}
