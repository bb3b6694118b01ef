package dev.shadowdev.devfs.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One daemon per state file: a second claim is refused with a message naming the file, and freed at close. */
class StateLockTest
{
    @TempDir
    Path dir;

    @Test
    void aSecondDaemonOnTheSameStateFileIsRefusedUntilTheFirstStops() throws IOException
    {
        final Path state = dir.resolve("var/lib/shadowdev/state.json");
        final StateLock first = StateLock.acquire(state);
        assertTrue(Files.exists(dir.resolve("var/lib/shadowdev/state.json.lock")), "made beside the state file");
        assertFalse(Files.exists(state), "the state file itself is left alone");
        final IOException refused = assertThrows(IOException.class, () -> StateLock.acquire(state));
        assertEquals("state file in use by another daemon: state=" + state + " lock=" + StateLock.lockFile(state) +
            " (give each daemon its own --state)", refused.getMessage());
        try (StateLock other = StateLock.acquire(dir.resolve("other.json")))
        {
            assertTrue(Files.exists(dir.resolve("other.json.lock")), "another state file is another claim");
        }
        first.close();
        StateLock.acquire(state).close();
    }

    @Test
    void aRelativeStatePathLocksBesideIt()
    {
        assertEquals(Path.of("state.json.lock").toAbsolutePath(), StateLock.lockFile(Path.of("state.json")));
    }
}
