package dev.shadowdev.driver;

import dev.shadowdev.driver.options.DriverOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DriverOptionsTest
{
    @Test
    void defaultsAndCopies()
    {
        final DriverOptions options = DriverOptions.defaults();
        assertEquals(261, options.major());
        assertEquals(32, options.receiveBuffers());
        assertEquals(Duration.ofSeconds(5).toNanos(), options.controlTimeoutNanos());
        assertEquals(65536, options.maxWireMessageBytes());
        assertEquals(null, options.tracePath());
        final DriverOptions copy = options.toBuilder().major(300).build();
        assertEquals(300, copy.major());
    }

    @Test
    void aBadOptionIsNamed()
    {
        assertEquals("bad driver option: receiveBuffers=0",
            assertThrows(IllegalArgumentException.class, () -> DriverOptions.builder().receiveBuffers(0).build())
                .getMessage());
        assertEquals("bad driver option: receiveBuffers=128",
            assertThrows(IllegalArgumentException.class, () -> DriverOptions.builder().receiveBuffers(128).build())
                .getMessage());
        assertEquals("bad driver option: dmaSegmentBytes=8",
            assertThrows(IllegalArgumentException.class, () -> DriverOptions.builder().dmaSegmentBytes(8).build())
                .getMessage());
        assertEquals("bad driver option: controlTimeoutNanos=0",
            assertThrows(IllegalArgumentException.class,
                () -> DriverOptions.builder().controlTimeout(Duration.ZERO).build()).getMessage());
    }
}
