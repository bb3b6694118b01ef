package dev.shadowdev.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * One point of the suite. A comparison runs a workload, a payload size and a number of concurrent sessions on
 * shadowdev and on both C servers, {@code quiet} or {@code busy} (one busy-looping process beside the server for the
 * whole round). The isolation scenario runs one victim session (PASSTHROUGH 4 KiB on partition bench-0) beside a CPU
 * neighbour (two busy loops) and beside an abusive one (on partition bench-1: two processes churning
 * open/write/close, one flooding writes it never reads).
 *
 * @param neighbour {@code quiet} or {@code busy}; {@code isolation} for the isolation scenario.
 */
record Scenario(Workload workload, int size, int sessions, String neighbour)
{
    static final String QUIET = "quiet";
    static final String BUSY = "busy";
    static final String ISOLATION = "isolation";
    /** 60 KiB: the largest round size whose EXECUTE fits one 64 KiB manage message. */
    static final int SIZE_60K = 60 * 1024;
    static final int SIZE_4K = 4096;

    String key()
    {
        final String point = workload.key() + "/" + size + "B/" + sessions + "s";
        return isolation() ? ISOLATION + "/" + point : point + "/" + neighbour;
    }

    boolean isolation()
    {
        return ISOLATION.equals(neighbour);
    }

    /**
     * The suite of a mode: the scenarios with targets first (PASSTHROUGH 4 KiB and EXECUTE 60 KiB on one session,
     * quiet and busy; PASSTHROUGH 4 KiB on 16 sessions; isolation), then points for the figures (more sizes and
     * session counts).
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
