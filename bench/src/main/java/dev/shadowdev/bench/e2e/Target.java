package dev.shadowdev.bench.e2e;

import java.nio.file.Path;
import java.util.List;

/** A mounted filesystem the load generator measures: shadowdev's devfs or a C echo server, each its own process. */
interface Target extends AutoCloseable
{
    /** @return the short name used in results: {@code shadowdev}, {@code echo_ll} or {@code echofs}. */
    String name();

    /** @return the server process, for its CPU counters. */
    long pid();

    /**
     * @return the load generator's mode for {@code workload} on this target ({@code echo} on the C servers, but
     * {@code openclose} for OPENCLOSE).
     */
    String mode(Workload workload);

    /** @return the files sessions open, session i the (i mod size)-th. */
    List<Path> nodes();

    /** Stop the server and unmount. */
    @Override
    void close();
}
