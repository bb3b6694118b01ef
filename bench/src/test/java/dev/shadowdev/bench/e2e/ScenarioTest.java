package dev.shadowdev.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioTest
{
    private static List<String> keys(final boolean full)
    {
        return Scenario.suite(full).stream().map(Scenario::key).toList();
    }

    @Test
    void quickSuiteKeysAreTheDocumentedOnesInOrder()
    {
        assertEquals(List.of(
            "passthrough/4096B/1s/quiet", "execute/61440B/1s/quiet",
            "passthrough/4096B/1s/busy", "execute/61440B/1s/busy",
            "passthrough/4096B/16s/quiet",
            "isolation/passthrough/4096B/1s",
            "cgroup-open/1s/quiet", "cgroup-open/1s/busy", "cgroup-open/4s/quiet",
            "passthrough/64B/1s/quiet", "passthrough/4096B/4s/quiet"), keys(false));
    }

    @Test
    void fullSuiteHasTheCgroupOpenScenariosAndNoKeyTwice()
    {
        final List<String> full = keys(true);
        assertTrue(full.containsAll(List.of("cgroup-open/1s/quiet", "cgroup-open/1s/busy", "cgroup-open/4s/quiet")),
            full.toString());
        assertEquals(full.size(), new HashSet<>(full).size(), full.toString());
        assertEquals(keys(false).size(), new HashSet<>(keys(false)).size());
    }

    @Test
    void onlyOpencloseScenariosAreCgroupOpenAndNoneIsIsolation()
    {
        for (final Scenario s : Scenario.suite(true))
        {
            assertEquals(s.workload() == Workload.OPENCLOSE, s.cgroupOpen(), s.key());
            assertEquals(s.key().startsWith("cgroup-open/"), s.cgroupOpen(), s.key());
            if (s.cgroupOpen())
            {
                assertFalse(s.isolation(), s.key());
                assertEquals(0, s.size(), s.key());
            }
        }
        final Scenario busy = new Scenario(Workload.OPENCLOSE, 0, 1, Scenario.BUSY);
        assertEquals("cgroup-open/1s/busy", busy.key());
    }

    @Test
    void workloadKeysRoundTripAndUnknownOnesAreNamed()
    {
        for (final Workload w : Workload.values())
        {
            assertEquals(w, Workload.of(w.key()));
        }
        assertEquals(Workload.OPENCLOSE, Workload.of("OpenClose"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Workload.of("open"));
        assertEquals("unknown workload, want passthrough, execute or openclose: workload=open", ex.getMessage());
    }
}
