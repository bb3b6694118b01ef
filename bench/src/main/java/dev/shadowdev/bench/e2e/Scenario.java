package dev.shadowdev.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/** One point of the suite: a workload, a payload size and a number of concurrent sessions. */
record Scenario(Workload workload, int size, int sessions)
{
    /** 60 KiB: the largest round size whose EXECUTE fits one 64 KiB manage message. */
    static final int SIZE_60K = 60 * 1024;
    static final int SIZE_4K = 4096;

    String key()
    {
        return workload.key() + "/" + size + "B/" + sessions + "s";
    }

    /**
     * The suite of a mode: every size on one session, then more sessions for PASSTHROUGH 4 KiB and EXECUTE 60 KiB.
     *
     * @param full the longer suite: more sizes and session counts.
     */
    static List<Scenario> suite(final boolean full)
    {
        final int[] sizes = full ? new int[]{64, 512, SIZE_4K, 16384, 32768, SIZE_60K} : new int[]{64, SIZE_4K, SIZE_60K};
        final int[] sessions = full ? new int[]{2, 4, 8, 16} : new int[]{2, 4, 16};
        final List<Scenario> list = new ArrayList<>();
        for (final Workload w : Workload.values())
        {
            for (final int size : sizes)
            {
                list.add(new Scenario(w, size, 1));
            }
        }
        for (final int n : sessions)
        {
            list.add(new Scenario(Workload.PASSTHROUGH, SIZE_4K, n));
            list.add(new Scenario(Workload.EXECUTE, SIZE_60K, n));
        }
        return list;
    }
}
