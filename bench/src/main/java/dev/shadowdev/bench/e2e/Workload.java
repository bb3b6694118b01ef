package dev.shadowdev.bench.e2e;

/**
 * What a session does per exchange. On a shadowdev node: a PASSTHROUGH transaction (the firmware echoes the data
 * over the control channel) or an EXECUTE of an ECHO workload loaded and activated once per session (the data goes
 * over the workload's DMA bridge channel). On the C baseline both are the same: write N bytes, read them back.
 * OPENCLOSE is one {@code open(O_RDWR)} and {@code close()} of the node (a session's whole life, no payload), on
 * any target.
 */
public enum Workload
{
    PASSTHROUGH("passthrough"),
    EXECUTE("execute"),
    OPENCLOSE("openclose");

    private final String key;

    Workload(final String key)
    {
        this.key = key;
    }

    public String key()
    {
        return key;
    }

    public static Workload of(final String key)
    {
        for (final Workload w : values())
        {
            if (w.key.equalsIgnoreCase(key))
            {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload, want passthrough, execute or openclose: workload=" + key);
    }
}
