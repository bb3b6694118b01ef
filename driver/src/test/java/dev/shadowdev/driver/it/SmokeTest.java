package dev.shadowdev.driver.it;

import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest
{
    @Test
    void passthroughStatusAndExecute()
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            final Rsp rsp = base.transact(Msg.tag(7).status().passthrough(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
            assertEquals(7, rsp.tag());
            assertEquals(List.of("STATUS:0", "PASSTHROUGH:0"), rsp.statuses());
            final int dbc = base.load(3, Rig.echoImage());
            assertArrayEquals(new byte[] { 9, 8, 7 }, base.execute(dbc, new byte[] { 9, 8, 7 }));
        }
    }
}
