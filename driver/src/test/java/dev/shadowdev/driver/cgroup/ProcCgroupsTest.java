package dev.shadowdev.driver.cgroup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Which line of a recorded {@code /proc/<pid>/cgroup} the lookup uses, and the lookup over it: cgroup v1 hybrid hosts
 * (this project's CI machine: v1 controllers, a name=systemd hierarchy and the unified one mounted), pure v2 hosts,
 * and v1 hosts without the unified hierarchy.
 */
class ProcCgroupsTest
{
    /** A runc container with linux.cgroupsPath=/shadowdev/tenant-a on a v1 hybrid host (recorded on the CI machine). */
    static final String HYBRID = """
        9:name=systemd:/shadowdev/tenant-a
        8:pids:/shadowdev/tenant-a
        7:blkio:/shadowdev/tenant-a
        6:freezer:/shadowdev/tenant-a
        5:devices:/shadowdev/tenant-a
        4:memory:/shadowdev/tenant-a
        3:cpuset:/shadowdev/tenant-a
        2:cpuacct:/shadowdev/tenant-a
        1:cpu:/shadowdev/tenant-a
        0::/shadowdev/tenant-a
        """;

    /** A process on the same host outside any container: the unified line is the root, a v1 controller is not. */
    static final String HYBRID_HOST = """
        9:name=systemd:/
        8:pids:/
        4:memory:/process_api/c55659cd7cd72246ad1e4c3f27107aaf
        1:cpu:/
        0::/
        """;

    /** A podman container on a systemd v2 host. */
    static final String V2 = "0::/machine.slice/libpod-4f1c2e.scope/container\n";

    /** A v1 host without the unified hierarchy: the name=systemd line decides. */
    static final String V1_ONLY = """
        12:cpu,cpuacct:/docker/abc
        11:name=systemd:/system.slice/docker-abc.scope
        2:memory:/docker/abc
        """;

    @Test
    void theUnifiedLineWinsWherePresent()
    {
        assertEquals("/shadowdev/tenant-a", ProcCgroups.select(HYBRID));
        assertEquals("/", ProcCgroups.select(HYBRID_HOST));
        assertEquals("/machine.slice/libpod-4f1c2e.scope/container", ProcCgroups.select(V2));
    }

    @Test
    void withoutAUnifiedLineTheSystemdLineDecides()
    {
        assertEquals("/system.slice/docker-abc.scope", ProcCgroups.select(V1_ONLY));
    }

    @Test
    void aFileWithNeitherLineSelectsNothing()
    {
        assertNull(ProcCgroups.select("4:memory:/x\n3:cpu:/x\n"));
        assertNull(ProcCgroups.select(""));
        assertNull(ProcCgroups.select("garbage without colons\n"));
        assertEquals("/sys", ProcCgroups.select("1:name=systemd,other:/sys"));
    }

    @Test
    void theLookupOverRecordedFilesPicksTheDeepestBoundPrefix()
    {
        final CgroupBindings bindings = new CgroupBindings();
        bindings.bind("/shadowdev", 1, "outer");
        bindings.bind("/shadowdev/tenant-a", 2, "tenant-a");
        bindings.bind("/machine.slice", 3, "pods");
        bindings.bind("/system.slice/docker-abc.scope", 4, "docker");

        assertEquals(2, bindings.lookup(ProcCgroups.select(HYBRID)).partitionId());
        assertEquals(3, bindings.lookup(ProcCgroups.select(V2)).partitionId());
        assertEquals(4, bindings.lookup(ProcCgroups.select(V1_ONLY)).partitionId());
        assertNull(bindings.lookup(ProcCgroups.select(HYBRID_HOST)));
        assertEquals(1, bindings.lookup(ProcCgroups.select(HYBRID.replace("tenant-a", "tenant-ab"))).partitionId());
    }

    @Test
    void aProcessThatDoesNotExistReadsAsGone()
    {
        assertNull(ProcCgroups.read(0));
        assertNull(ProcCgroups.read(-5));
        assertNull(ProcCgroups.read(Integer.MAX_VALUE));
        final String own = ProcCgroups.select(ProcCgroups.read((int)ProcessHandle.current().pid()));
        org.junit.jupiter.api.Assertions.assertTrue(own != null && own.startsWith("/"), "own cgroup: " + own);
    }
}
