package dev.shadowdev.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * One point of the suite. A comparison runs a workload, a payload size and a number of concurrent sessions on
 * shadowdev and on both C servers, {@code quiet} or {@code busy} (one busy-looping process beside the server for the
 * whole round). The isolation scenario runs one victim session (PASSTHROUGH 4 KiB on partition bench-0) beside a CPU
 * neighbour (two busy loops) and beside an abusive one (on partition bench-1: two processes churning
 * open/write/close, one flooding writes it never reads). The cgroup-open scenario (issue 14, ABI.md 7; workload
 * OPENCLOSE, no payload) measures one {@code open(O_RDWR)} and {@code close()} per exchange on the shared node
 * {@code accel/cgroup} against the same on partition bench-0's shadow node, on a second shadowdev server of its own
 * ({@code up --opens-per-second 1000000}, so the open rate limit does not cap it), with bench-0 bound to a cgroup
 * two components above the client's ({@code /shadowdev-bench-<pid>/tenant}; the client runs in
 * {@code .../tenant/deep/er/client}, so every shared open walks three unbound components before it finds the bound
 * one); both arms run their client in that cgroup, quiet or beside one busy loop.
 *
 * @param size      payload bytes; 0 for OPENCLOSE.
 * @param neighbour {@code quiet} or {@code busy}; {@code isolation} for the isolation scenario.
 */
record Scenario(Workload workload, int size, int sessions, String neighbour)
{
    static final String QUIET = "quiet";
    static final String BUSY = "busy";
    static final String ISOLATION = "isolation";
    static final String CGROUP_OPEN = "cgroup-open";
    /** 60 KiB: the largest round size whose EXECUTE fits one 64 KiB manage message. */
    static final int SIZE_60K = 60 * 1024;
    static final int SIZE_4K = 4096;

    String key()
    {
        if (cgroupOpen())
        {
            return CGROUP_OPEN + "/" + sessions + "s/" + neighbour;
        }
        final String point = workload.key() + "/" + size + "B/" + sessions + "s";
        return isolation() ? ISOLATION + "/" + point : point + "/" + neighbour;
    }

    boolean isolation()
    {
        return ISOLATION.equals(neighbour);
    }

    /** @return whether this is the cgroup-open scenario: the shared cgroup node against a shadow node. */
    boolean cgroupOpen()
    {
        return workload == Workload.OPENCLOSE;
    }

    /**
     * The suite of a mode: the scenarios with targets first (PASSTHROUGH 4 KiB and EXECUTE 60 KiB on one session,
     * quiet and busy; PASSTHROUGH 4 KiB on 16 sessions; isolation; cgroup-open on one session, quiet and busy),
     * then points for the figures (cgroup-open on 4 sessions, more sizes and session counts).
     *
     * @param full the longer suite: more sizes and session counts.
     */
    static List<Scenario> suite(final boolean full)
    {
        final List<Scenario> list = new ArrayList<>();
        for (final String beside : List.of(QUIET, BUSY))
        {
            list.add(new Scenario(Workload.PASSTHROUGH, SIZE_4K, 1, beside));
            list.add(new Scenario(Workload.EXECUTE, SIZE_60K, 1, beside));
        }
        list.add(new Scenario(Workload.PASSTHROUGH, SIZE_4K, 16, QUIET));
        list.add(new Scenario(Workload.PASSTHROUGH, SIZE_4K, 1, ISOLATION));
        list.add(new Scenario(Workload.OPENCLOSE, 0, 1, QUIET));
        list.add(new Scenario(Workload.OPENCLOSE, 0, 1, BUSY));
        list.add(new Scenario(Workload.OPENCLOSE, 0, 4, QUIET));
        final int[] sizes = full ? new int[]{64, 512, 16384, 32768} : new int[]{64};
        for (final int size : sizes)
        {
            list.add(new Scenario(Workload.PASSTHROUGH, size, 1, QUIET));
            if (full)
            {
                list.add(new Scenario(Workload.EXECUTE, size, 1, QUIET));
            }
        }
        for (final int n : full ? new int[]{2, 4, 8} : new int[]{4})
        {
            list.add(new Scenario(Workload.PASSTHROUGH, SIZE_4K, n, QUIET));
            if (full)
            {
                list.add(new Scenario(Workload.EXECUTE, SIZE_60K, n, QUIET));
            }
        }
        if (full)
        {
            list.add(new Scenario(Workload.EXECUTE, SIZE_60K, 16, QUIET));
        }
        return list;
    }
}
