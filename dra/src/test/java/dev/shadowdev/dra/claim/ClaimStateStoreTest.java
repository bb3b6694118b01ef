package dev.shadowdev.dra.claim;

import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClaimStateStoreTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSaveAndLoadTheSameState() throws Exception
    {
        final ClaimStateStore store = new ClaimStateStore(dir.resolve("sub/state.json"));
        final ClaimState state = ClaimState.EMPTY.with(new ClaimRecord("u-1", "default", "c", true, List.of(
            new PreparedDevice(List.of("accel"), "node-1", "dyn-2c-0", ClaimPreparer.partitionName("u-1", "dyn-2c-0"),
                true, Resources.of(2, 4L << 30, 4, 8, 2), 5, ClaimCdiSpec.deviceId("u-1", "dyn-2c-0")))));

        store.save(state);

        assertEquals(state, store.load());
        assertEquals(ClaimState.EMPTY, new ClaimStateStore(dir.resolve("none.json")).load());
        assertEquals(31, ClaimPreparer.partitionName("u-1", "dyn-2c-0").length());
    }

    @Test
    void shouldNameTheFileAndFieldOfADamagedState() throws Exception
    {
        final Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"version\":1,\"claims\":[{\"uid\":\"u\",\"namespace\":\"d\",\"name\":\"c\"," +
            "\"complete\":true,\"devices\":[{\"request_names\":[],\"pool\":\"p\",\"device\":\"x\",\"partition\":\"y\"," +
            "\"owned\":true,\"resources\":[1,2,3],\"minor\":1,\"cdi_device_id\":\"z\"}]}]}");

        final IOException ex = assertThrows(IOException.class, () -> new ClaimStateStore(file).load());

        assertEquals(file + ": bad state: claims[0].devices[0].resources: must be an array of 5 amounts",
            ex.getMessage());
    }

    @Test
    void shouldRefuseABadClaimUid()
    {
        final PrepareException ex = assertThrows(PrepareException.class,
            () -> new ClaimRef("default", "../etc", "c").validate("prepare"));

        assertEquals("prepare: bad claim uid: uid=../etc", ex.getMessage());
    }
}
