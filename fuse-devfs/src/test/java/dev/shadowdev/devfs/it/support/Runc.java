package dev.shadowdev.devfs.it.support;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Runs a container with runc and always deletes it afterwards. */
public final class Runc
{
    private Runc()
    {
    }

    /** @return a container ID unique enough for parallel test runs. */
    public static String newId()
    {
        return "shadowdev-it-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /**
     * @return the host pid of a running container's first process, from {@code runc state}; waits until it runs.
     */
    public static int pid(final String id) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true)
        {
            final ProcessResult state = Processes.run(List.of("runc", "state", id), null, Duration.ofSeconds(30));
            if (state.exitCode() == 0)
            {
                final int pid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.stdout())
                    .path("pid").asInt();
                if (pid > 0)
                {
                    return pid;
                }
            }
            if (System.nanoTime() > deadline)
            {
                throw new IOException("container not running: id=" + id + " " + state.describe());
            }
            Thread.sleep(20);
        }
    }

    /**
     * {@code runc run --bundle DIR ID}, then {@code runc delete -f ID} whatever happened.
     *
     * @param bundle  a written bundle.
     * @param id      the container ID.
     * @param timeout how long the container may run before it is killed.
     * @return how {@code runc run} ended: the container process's exit status and output.
     */
    public static ProcessResult run(final RuncBundle bundle, final String id, final Duration timeout)
        throws IOException
    {
        try
        {
            return Processes.run(List.of("runc", "run", "--bundle", bundle.dir().toString(), id), bundle.dir(),
                timeout);
        }
        finally
        {
            Processes.run(List.of("runc", "delete", "-f", id), bundle.dir(), Duration.ofSeconds(30));
        }
    }
}
