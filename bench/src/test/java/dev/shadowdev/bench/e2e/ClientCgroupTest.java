package dev.shadowdev.bench.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layout and removal of the client's cgroups, on a plain directory standing in for the hierarchy. */
class ClientCgroupTest
{
    @TempDir
    Path hierarchy;

    @Test
    void theClientSitsThreeComponentsBelowTheBoundCgroup() throws IOException
    {
        final ClientCgroup cgroups = ClientCgroup.create(hierarchy, "/shadowdev-bench-7");
        assertEquals("/shadowdev-bench-7/tenant", cgroups.boundPath());
        assertEquals("/shadowdev-bench-7/tenant/deep/er/client", cgroups.clientPath());
        assertTrue(cgroups.clientPath().startsWith(cgroups.boundPath() + "/"));
        assertEquals(hierarchy.resolve("shadowdev-bench-7/tenant/deep/er/client/cgroup.procs"), cgroups.clientProcs());
        assertTrue(Files.isDirectory(cgroups.clientProcs().getParent()));
    }

    @Test
    void removeTakesEveryLevelDeepestFirstAndLeavesTheHierarchy() throws IOException
    {
        Files.createDirectories(hierarchy.resolve("other"));
        final ClientCgroup cgroups = ClientCgroup.create(hierarchy, "/shadowdev-bench-7");
        assertEquals(List.of(), cgroups.remove());
        assertFalse(Files.exists(hierarchy.resolve("shadowdev-bench-7")));
        assertTrue(Files.isDirectory(hierarchy.resolve("other")));
        assertEquals(List.of(), cgroups.remove(), "a second removal finds nothing to do");
    }

    @Test
    void aLevelThatCannotGoStaysWithItsParentsAndIsReported() throws IOException
    {
        final ClientCgroup cgroups = ClientCgroup.create(hierarchy, "/shadowdev-bench-7");
        // like a cgroup still holding a process: not removable
        Files.writeString(hierarchy.resolve("shadowdev-bench-7/tenant/deep/pinned"), "x");
        final Path deep = hierarchy.resolve("shadowdev-bench-7/tenant/deep");
        assertEquals(List.of(deep, deep.getParent(), deep.getParent().getParent()), cgroups.remove());
        assertFalse(Files.exists(deep.resolve("er")));
    }

    @Test
    void theRootMustBeOneAbsoluteComponent()
    {
        for (final String bad : List.of("shadowdev-bench-7", "/", "/a/b"))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ClientCgroup.create(hierarchy, bad));
            assertEquals("bad cgroup root, want one absolute component: root=" + bad, ex.getMessage());
        }
        assertFalse(Files.exists(hierarchy.resolve("a")));
    }
}
