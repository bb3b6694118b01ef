package dev.shadowdev.testkit.leak;

import io.netty.util.ResourceLeakDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Netty's leak detector that also keeps what it reports, so a test can fail on it (Netty itself only logs a leak).
 * Installed for every detector Netty makes by the test JVM's system property
 * {@code io.netty.customResourceLeakDetector=dev.shadowdev.testkit.leak.RecordingLeakDetector} (the driver's
 * and fuse-devfs's surefire and failsafe configuration, with {@code io.netty.leakDetection.level=paranoid});
 * {@link LeakCheckExtension} reads and clears the record after each test class.
 *
 * @param <T> the tracked resource type.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T>
{
    private static final List<String> LEAKS = new ArrayList<>();
    private static final Set<String> INSTALLED = ConcurrentHashMap.newKeySet();

    /** Called by Netty's {@code DefaultResourceLeakDetectorFactory} through reflection. */
    public RecordingLeakDetector(final Class<?> resourceType, final int samplingInterval)
    {
        super(resourceType, samplingInterval);
        INSTALLED.add(resourceType.getName());
    }

    /** Called by Netty's {@code DefaultResourceLeakDetectorFactory} through reflection (its older form). */
    @SuppressWarnings("deprecation")
    public RecordingLeakDetector(final Class<?> resourceType, final int samplingInterval, final long maxActive)
    {
        super(resourceType, samplingInterval, maxActive);
        INSTALLED.add(resourceType.getName());
    }

    /** @return true when Netty made one of these for {@code resourceType}. */
    static boolean installedFor(final Class<?> resourceType)
    {
        return INSTALLED.contains(resourceType.getName());
    }

    /** @return the leaks reported since the last call, oldest first; the record is empty afterwards. */
    static List<String> takeLeaks()
    {
        synchronized (LEAKS)
        {
            final List<String> leaks = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return leaks;
        }
    }

    /** Report whatever the log level: a leak must reach the record even when Netty's logger is quiet. */
    @Override
    protected boolean needReport()
    {
        return true;
    }

    @Override
    protected void reportTracedLeak(final String resourceType, final String records)
    {
        record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(final String resourceType)
    {
        record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected.");
        super.reportUntracedLeak(resourceType);
    }

    private static void record(final String leak)
    {
        synchronized (LEAKS)
        {
            LEAKS.add(leak);
        }
    }
}
