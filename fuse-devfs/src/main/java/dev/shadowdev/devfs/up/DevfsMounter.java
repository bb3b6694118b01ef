package dev.shadowdev.devfs.up;

/**
 * The hook {@code shadowdev up} needs and this module does not implement: start the embedded firmware and driver
 * and mount the devfs. The filesystem (package {@code dev.shadowdev.devfs.fs}) provides it as a
 * {@link java.util.ServiceLoader} service: a public class with a public no-argument constructor, named in
 * {@code META-INF/services/dev.shadowdev.devfs.up.DevfsMounter}. Without one, {@code up} says so and exits 2.
 * <p>
 * What {@code up} does with it: load the config (a bad config changes nothing), {@link #mount}, open the base node
 * with {@link DevfsMount#openBase()}, plan and apply the partitions with the partition daemon (state file, saved
 * minors), print the plan and the result, then wait for {@link DevfsMount#awaitUnmount()} or an interrupt, and
 * {@link DevfsMount#close()}.
 */
public interface DevfsMounter
{
    /**
     * @param options the device, the mount point and the trace file.
     * @return the running, mounted devfs with the base node and no partitions yet.
     * @throws Exception when anything fails; everything started so far must be stopped again.
     */
    DevfsMount mount(UpOptions options) throws Exception;
}
