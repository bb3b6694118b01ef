package dev.shadowdev.dra.catalog;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The card as DRA devices. Every configured partition is a device of its own; the capacity no configured
 * partition reserves (the <em>unreserved</em> part) is offered as profile devices, partitions that could still be
 * made: for each profile of 1, 2, 4, 8, 16 cores (those the card has), with the same share of every other resource
 * as of cores, as many devices as fit in the unreserved part on their own. Which of them can be allocated together
 * is the scheduler's business, through the two counter sets of {@link dev.shadowdev.dra.slices.SliceBuilder}.
 * Devices are listed smallest first: the scheduler takes the first that fits a request.
 */
public final class DeviceCatalog
{
    /** The {@code profile} attribute of a configured partition. */
    public static final String CONFIGURED_PROFILE = "configured";

    /** Core counts of the profiles; those above the card's cores are left out. */
    public static final int[] PROFILE_CORES = {1, 2, 4, 8, 16};

    /** Device names and counter names: RFC 1123 DNS labels. */
    public static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private static final Pattern NOT_LABEL = Pattern.compile("[^a-z0-9-]+");

    private final Resources capacity;
    private final Resources unreserved;
    private final List<DraDevice> devices;

    private DeviceCatalog(final Resources capacity, final Resources unreserved, final List<DraDevice> devices)
    {
        this.capacity = capacity;
        this.unreserved = unreserved;
        this.devices = List.copyOf(devices);
    }

    /**
     * @param layout the card and its configured partitions.
     * @return the catalog.
     * @throws IllegalArgumentException when the configured partitions reserve more than the card has, or two of
     *                                  them map to the same device name: {@code what: name=value}.
     */
    public static DeviceCatalog of(final CardLayout layout)
    {
        Resources reserved = Resources.ZERO;
        final List<DraDevice> list = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (final CardLayout.ConfiguredPartition p : layout.partitions())
        {
            reserved = reserved.plus(p.resources());
            final String name = deviceName(p.name());
            if (!names.add(name))
            {
                throw new IllegalArgumentException("dra: two partitions map to one device name: device=" + name +
                    " partition=" + p.name());
            }
            list.add(new DraDevice(name, CONFIGURED_PROFILE, p.name(), p.resources(), p.minor()));
        }
        final Resource over = reserved.firstExceeding(layout.capacity());
        if (over != null)
        {
            throw new IllegalArgumentException("dra: configured partitions reserve more than the card: " +
                over.key() + "=" + reserved.get(over) + " capacity=" + layout.capacity().get(over));
        }
        final Resources unreserved = layout.capacity().minusFloored(reserved);
        for (final int cores : PROFILE_CORES)
        {
            final Resources share = share(layout.capacity(), cores);
            if (share == null)
            {
                continue;
            }
            final long count = fits(share, unreserved);
            for (int i = 0; i < count; i++)
            {
                final String name = "dyn-" + cores + "c-" + i;
                if (!names.add(name))
                {
                    throw new IllegalArgumentException("dra: a partition's device name is a profile device's: " +
                        "device=" + name);
                }
                list.add(new DraDevice(name, cores + "c", null, share, -1));
            }
        }
        list.sort(Comparator.comparingLong((DraDevice d) -> d.resources().get(Resource.CORES))
            .thenComparingLong((d) -> d.resources().get(Resource.MEMORY))
            .thenComparing((d) -> !d.configured()));
        return new DeviceCatalog(layout.capacity(), unreserved, list);
    }

    /**
     * @return the profile of {@code cores} cores: every resource in the same share of the card as the cores, or
     * {@code null} when the card has fewer cores.
     */
    public static Resources share(final Resources capacity, final int cores)
    {
        final long total = capacity.get(Resource.CORES);
        if (cores > total)
        {
            return null;
        }
        final long[] amounts = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            amounts[i] = Math.multiplyExact(capacity.get(i), cores) / total;
        }
        return Resources.of(amounts);
    }

    /**
     * @param name a partition name ({@code [A-Za-z0-9._-]}, 1 to 31 bytes).
     * @return the name itself when it is a DNS label, else lower-cased with other characters as '-' and a hash of
     * the original appended, so two names never map to one device.
     */
    public static String deviceName(final String name)
    {
        if (DNS_LABEL.matcher(name).matches())
        {
            return name;
        }
        String label = NOT_LABEL.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        label = label.replaceAll("^-+|-+$", "");
        return (label.isEmpty() ? "p" : label) + "-" + sha256(name).substring(0, 8);
    }

    /** @return the SHA-256 of the UTF-8 bytes, lower-case hex. */
    public static String sha256(final String text)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 missing", ex);
        }
    }

    private static long fits(final Resources share, final Resources room)
    {
        long count = Long.MAX_VALUE;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (share.get(i) > 0)
            {
                count = Math.min(count, room.get(i) / share.get(i));
            }
        }
        return count == Long.MAX_VALUE ? 0 : count;
    }

    /** @return the card's total. */
    public Resources capacity()
    {
        return capacity;
    }

    /** @return what no configured partition reserves: the room of the profile devices. */
    public Resources unreserved()
    {
        return unreserved;
    }

    /** @return every device, smallest first. */
    public List<DraDevice> devices()
    {
        return devices;
    }

    @Override
    public boolean equals(final Object o)
    {
        return this == o || (o instanceof DeviceCatalog other && capacity.equals(other.capacity) &&
            unreserved.equals(other.unreserved) && devices.equals(other.devices));
    }

    @Override
    public int hashCode()
    {
        return devices.hashCode();
    }

    /** @return the device called {@code name}, or {@code null}. */
    public DraDevice device(final String name)
    {
        for (final DraDevice d : devices)
        {
            if (d.name().equals(name))
            {
                return d;
            }
        }
        return null;
    }
}
