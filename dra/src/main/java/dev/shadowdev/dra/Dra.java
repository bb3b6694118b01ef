package dev.shadowdev.dra;

/** The names this driver is known by in Kubernetes and CDI. */
public final class Dra
{
    /** The DRA driver name: ResourceSlice.spec.driver, the DeviceClass selector, the kubelet plugin name. */
    public static final String DRIVER = "shadowdev.dev";

    /** The CDI kind of the per-claim specs: devices {@code shadowdev.dev/claim=<claim uid>-<device>}. */
    public static final String CDI_KIND = DRIVER + "/claim";

    /** Firmware partition names that start with this belong to the plugin (one per prepared profile device). */
    public static final String PARTITION_PREFIX = "dra-";

    private Dra()
    {
    }
}
