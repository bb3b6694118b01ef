package dev.shadowdev.dra.catalog;

import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceCatalogTest
{
    private static final Resources AIC100 = Resources.of(16, 32L << 30, 32, 64, 16);

    @Test
    void shouldOfferEveryProfileOfAnEmptyCard()
    {
        final DeviceCatalog catalog = DeviceCatalog.of(new CardLayout(AIC100, List.of()));

        assertEquals(16 + 8 + 4 + 2 + 1, catalog.devices().size());
        assertEquals(Resources.of(2, 4L << 30, 4, 8, 2), catalog.device("dyn-2c-0").resources());
        assertEquals("dyn-16c-0", catalog.devices().get(30).name());
    }

    @Test
    void shouldMakeEveryPartitionNameADnsLabelWithoutCollisions()
    {
        assertEquals("infer-a", DeviceCatalog.deviceName("infer-a"));
        final String a = DeviceCatalog.deviceName("Infer_A");
        final String b = DeviceCatalog.deviceName("infer.a");
        assertTrue(DeviceCatalog.DNS_LABEL.matcher(a).matches(), a);
        assertTrue(a.startsWith("infer-a-") && b.startsWith("infer-a-") && !a.equals(b), a + " " + b);
    }

    @Test
    void shouldRefusePartitionsThatPassTheCard()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> DeviceCatalog.of(
            new CardLayout(AIC100, List.of(new CardLayout.ConfiguredPartition("x", Resources.of(17, 0, 0, 0, 0),
                -1)))));

        assertEquals("dra: configured partitions reserve more than the card: cores=17 capacity=16", ex.getMessage());
    }
}
