package dev.shadowdev.mhi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MhiConfigTest
{
    @Test
    void qaicTableMatchesMhiController()
    {
        final MhiConfig config = MhiConfig.qaic();
        assertEquals(24, config.channels().size());
        assertEquals(24, config.channelSlots());
        assertEquals(new ChannelConfig(10, "QAIC_CONTROL", 128, 0), config.channel(10));
        assertEquals(new ChannelConfig(11, "QAIC_CONTROL", 128, 0), config.channel(11));
        assertEquals(new ChannelConfig(0, "QAIC_LOOPBACK", 32, 0), config.channel(0));
        assertEquals(new ChannelConfig(15, "QAIC_STATUS", 32, 0), config.channel(15));
        assertEquals(new ChannelConfig(23, "QAIC_TIMESYNC_PERIODIC", 32, 0), config.channel(23));
        assertEquals(List.of(new EventRingConfig(32, 0)), config.eventRings());
        assertEquals(ChannelType.INBOUND, config.channel(11).type());
        assertNull(config.channel(24));
        assertNull(config.channel(-1));
    }

    @Test
    void badTablesAreRefusedWithTheField()
    {
        assertEquals("bad channel number: number=128",
            assertThrows(IllegalArgumentException.class, () -> new ChannelConfig(128, "X", 4, 0)).getMessage());
        assertEquals("bad channel elements: number=3, elements=1",
            assertThrows(IllegalArgumentException.class, () -> new ChannelConfig(3, "X", 1, 0)).getMessage());
        assertEquals("bad event ring elements: elements=2",
            assertThrows(IllegalArgumentException.class, () -> new EventRingConfig(2, 0)).getMessage());
        final List<EventRingConfig> one = List.of(new EventRingConfig(8, 0));
        assertEquals("duplicate channel: number=4", assertThrows(IllegalArgumentException.class,
            () -> new MhiConfig(List.of(new ChannelConfig(4, "A", 4, 0), new ChannelConfig(4, "B", 4, 0)), one))
            .getMessage());
        assertEquals("channel event ring missing: number=5, eventRing=1", assertThrows(IllegalArgumentException.class,
            () -> new MhiConfig(List.of(new ChannelConfig(5, "A", 4, 1)), one)).getMessage());
    }
}
