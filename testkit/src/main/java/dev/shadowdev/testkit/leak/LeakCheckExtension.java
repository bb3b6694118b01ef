package dev.shadowdev.testkit.leak;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty's leak detector reported a buffer that was never released while it ran (or since
 * the class before it). Registered for every test class of the driver and fuse-devfs through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit.jupiter.extensions.autodetection.enabled=true}; before the first class it checks that the detector
 * is installed at PARANOID, so a misconfigured build fails instead of silently checking nothing.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback
{
    @Override
    public void beforeAll(final ExtensionContext context)
    {
        Leaks.requireInstalled();
    }

    @Override
    public void afterAll(final ExtensionContext context)
    {
        final List<String> leaks = Leaks.collect();
        if (!leaks.isEmpty())
        {
            throw new AssertionError("buffers leaked: count=" + leaks.size() + ", class="
                + context.getRequiredTestClass().getName() + "\n" + String.join("\n", leaks));
        }
    }
}
