package dev.shadowdev.devfs.fs;

import dev.shadowdev.devfs.it.support.Cgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader keeps a caller's file open and still sees a move, a dead process and a slot taken by another pid. */
class ProcCgroupReaderTest
{
    private final List<Process> children = new ArrayList<>();
    private final String cgroup = "/shadowdev-reader-test-" + ProcessHandle.current().pid();

    @AfterEach
    void tearDown() throws InterruptedException
    {
        for (final Process child : children)
        {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        Cgroups.removeTree(cgroup);
    }

    @Test
    void readsWhatTheKernelPrintsEveryTime() throws IOException
    {
        final ProcCgroupReader reader = new ProcCgroupReader(4);
        final int self = (int)ProcessHandle.current().pid();
        final String expected = Files.readString(Path.of("/proc/" + self + "/cgroup"));
        assertEquals(expected, reader.cgroupOf(self));
        assertEquals(1, reader.held());
        assertEquals(expected, reader.cgroupOf(self), "the held descriptor read again from offset 0");
        assertEquals(1, reader.held());
        reader.closeAll();
        assertEquals(0, reader.held());
    }

    @Test
    void aMovedProcessIsSeenAtTheNextRead() throws IOException, InterruptedException
    {
        final ProcCgroupReader reader = new ProcCgroupReader(4);
        final int pid = sleeper();
        final String before = reader.cgroupOf(pid);
        assertTrue(before.contains("0::"), before);
        Cgroups.move(pid, cgroup + "/moved");
        assertTrue(reader.cgroupOf(pid).contains("0::" + cgroup + "/moved\n"), reader.cgroupOf(pid));
        assertEquals(1, reader.held(), "the same descriptor, read again");
        reader.closeAll();
    }

    @Test
    void aDeadProcessIsGoneAndItsDescriptorClosed() throws IOException, InterruptedException
    {
        final ProcCgroupReader reader = new ProcCgroupReader(4);
        final Process child = start();
        final int pid = (int)child.pid();
        assertTrue(reader.cgroupOf(pid).contains("0::"));
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        // The held descriptor names the dead task: ESRCH, then no /proc/<pid> to open again.
        assertNull(reader.cgroupOf(pid));
        assertEquals(0, reader.held());
    }

    @Test
    void pidsSharingASlotNeverReadEachOthersFileNorLeakDescriptors() throws IOException, InterruptedException
    {
        final ProcCgroupReader reader = new ProcCgroupReader(1);
        final int a = sleeper();
        final int b = sleeper();
        Cgroups.move(a, cgroup + "/a");
        Cgroups.move(b, cgroup + "/b");
        for (int i = 0; i < 50; i++)
        {
            assertTrue(reader.cgroupOf(a).contains("0::" + cgroup + "/a\n"));
            assertTrue(reader.cgroupOf(b).contains("0::" + cgroup + "/b\n"));
        }
        assertEquals(1, reader.held());
        // Only this process's descriptors of the two files are counted: other threads of the JVM open files too.
        assertEquals(1, descriptorsOf(a) + descriptorsOf(b), "one slot holds one descriptor");
        reader.closeAll();
        assertEquals(0, descriptorsOf(a) + descriptorsOf(b), "closeAll closes it");
    }

    @Test
    void refusesASlotCountThatIsNotAPowerOfTwo()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProcCgroupReader(3));
        assertEquals("ProcCgroupReader: slots must be a power of two: slots=3", e.getMessage());
        assertNull(new ProcCgroupReader(2).cgroupOf(0));
    }

    private int sleeper() throws IOException
    {
        return (int)start().pid();
    }

    private Process start() throws IOException
    {
        final Process child = new ProcessBuilder("sleep", "60").start();
        children.add(child);
        return child;
    }

    /** The descriptors of this process open on {@code /proc/<pid>/cgroup}. */
    private static long descriptorsOf(final int pid) throws IOException
    {
        final Path file = Path.of("/proc/" + pid + "/cgroup");
        try (var fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.filter(fd -> file.equals(target(fd))).count();
        }
    }

    private static Path target(final Path fd)
    {
        try
        {
            return Files.readSymbolicLink(fd);
        }
        catch (final IOException closedMeanwhile)
        {
            return null;
        }
    }
}
