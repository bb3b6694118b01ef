package dev.shadowdev.devfs.up;

/**
 * The hook {@code shadowdev up} needs and this module does not implement: start the embedded firmware and driver
 * and mount the devfs. {@code dev.shadowdev.devfs.wiring.ShadowdevMain}, the jar's entry point, hands the CLI one
 * ({@code EmbeddedDevfs::mount}): the one place that wires firmware, driver and filesystem. A CLI built without one
 * (tests of the other commands) answers {@code up} with a message and exit status 2.
 * <p>
 * What {@code up} does with it: load the config (a bad config changes nothing), {@link #mount}, open the base node
 * with {@link DevfsMount#openBase()}, plan and apply the partitions with the partition daemon (state file, saved
 * minors), print the plan and the result, then wait for {@link DevfsMount#awaitUnmount()} or an interrupt, and
 * {@link DevfsMount#close()}.
 */
@FunctionalInterface
public interface DevfsMounter
{
    /**
     * @param options the device, the mount point and the trace file.
     * @return the running, mounted devfs with the base node and no partitions yet.
     * @throws Exception when anything fails; everything started so far must be stopped again.
     */
    DevfsMount mount(UpOptions options) throws Exception;
}
