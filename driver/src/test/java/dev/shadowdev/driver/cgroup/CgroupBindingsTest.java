package dev.shadowdev.driver.cgroup;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.CgroupBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** ABI.md 7: longest component-wise prefix wins; EEXIST / ENOENT; bindings go with their partition. */
class CgroupBindingsTest
{
    private final CgroupBindings bindings = new CgroupBindings();

    @Test
    void aPathCoversItselfAndItsDescendantsButNotASiblingWithTheSamePrefix()
    {
        assertEquals(0, bindings.bind("/a/b", 1, "one"));

        assertEquals(1, bindings.lookup("/a/b").partitionId());
        assertEquals(1, bindings.lookup("/a/b/c").partitionId());
        assertEquals(1, bindings.lookup("/a/b/c/d.scope").partitionId());
        assertNull(bindings.lookup("/a/bc"));
        assertNull(bindings.lookup("/a/bc/d"));
        assertNull(bindings.lookup("/a"));
        assertNull(bindings.lookup("/"));
    }

    @Test
    void theDeepestBindingWins()
    {
        bindings.bind("/machine.slice", 1, "outer");
        bindings.bind("/machine.slice/tenant-a", 2, "inner");
        bindings.bind("/machine.slice/tenant-a/job/x", 3, "deepest");

        assertEquals(1, bindings.lookup("/machine.slice/tenant-b").partitionId());
        assertEquals(2, bindings.lookup("/machine.slice/tenant-a").partitionId());
        assertEquals(2, bindings.lookup("/machine.slice/tenant-a/job").partitionId());
        assertEquals(3, bindings.lookup("/machine.slice/tenant-a/job/x/y").partitionId());
        assertEquals(2, bindings.lookup("/machine.slice/tenant-a/job/xy").partitionId());
    }

    @Test
    void theRootCoversEverythingNothingElseDoes()
    {
        bindings.bind("/", 9, "all");
        bindings.bind("/a", 1, "a");

        assertEquals(9, bindings.lookup("/").partitionId());
        assertEquals(9, bindings.lookup("/b/c").partitionId());
        assertEquals(1, bindings.lookup("/a/x").partitionId());
        assertNull(bindings.lookup("relative"));
        assertNull(bindings.lookup(""));
        assertNull(bindings.lookup(null));
    }

    @Test
    void aPathHeldByAnotherPartitionIsEexistAndTheSameOneAgainChangesNothing()
    {
        assertEquals(0, bindings.bind("/a", 1, "one"));
        assertEquals(Errno.EEXIST.status(), bindings.bind("/a", 2, "two"));
        assertEquals(0, bindings.bind("/a", 1, "one"));

        assertEquals(List.of(new CgroupBinding("/a", "one", 1)), bindings.list());
    }

    @Test
    void unbindingAPathNotBoundToThePartitionIsEnoentAndChangesNothing()
    {
        bindings.bind("/a", 1, "one");

        assertEquals(Errno.ENOENT.status(), bindings.unbind("/a", 2));
        assertEquals(Errno.ENOENT.status(), bindings.unbind("/b", 1));
        assertEquals(1, bindings.size());
        assertEquals(0, bindings.unbind("/a", 1));
        assertNull(bindings.lookup("/a"));
    }

    @Test
    void aDroppedPartitionTakesAllItsBindingsAndOnlyThose()
    {
        bindings.bind("/a", 1, "one");
        bindings.bind("/b", 1, "one");
        bindings.bind("/c", 2, "two");

        assertEquals(2, bindings.dropPartition(1));

        assertEquals(List.of(new CgroupBinding("/c", "two", 2)), bindings.list());
        assertEquals(1, bindings.clear("firmware lost"));
        assertEquals(0, bindings.size());
    }

    @Test
    void theListingIsSortedByPathOneLineEach()
    {
        bindings.bind("/z", 2, "two");
        bindings.bind("/a/b", 1, "one");

        assertEquals(List.of("/a/b one 1", "/z two 2"), bindings.list().stream().map(CgroupBinding::line).toList());
    }
}
