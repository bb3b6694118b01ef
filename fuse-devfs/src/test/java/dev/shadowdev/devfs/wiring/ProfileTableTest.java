package dev.shadowdev.devfs.wiring;

import dev.shadowdev.devfs.config.DeviceProfiles;
import dev.shadowdev.firmware.model.DeviceProfile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The config's profile table is the embedded firmware's: the devfs knows the numbers without depending on it. */
class ProfileTableTest
{
    @Test
    void theConfigsProfilesAreTheFirmwares()
    {
        final DeviceProfile aic100 = DeviceProfile.aic100();
        assertEquals(DeviceProfiles.AIC100, aic100.name());
        assertEquals("aic100", DeviceProfiles.names());
        assertArrayEquals(aic100.capacity().toArray(), DeviceProfiles.capacity(DeviceProfiles.AIC100).toArray());
        assertEquals(DeviceProfile.MAX_IDENTIFIED_UNITS, DeviceProfiles.MAX_IDENTIFIED_UNITS);
    }
}
