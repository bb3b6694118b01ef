package dev.shadowdev.wire.node;

/**
 * The node's ioctl numbers (ABI.md 1.4): restricted FUSE ioctls of fixed size, magic {@code 'S'}, encoded as
 * Linux's {@code _IOC(dir, type, nr, size)} = {@code dir << 30 | size << 16 | type << 8 | nr}.
 */
public final class NodeIoctls
{
    /** The ioctl type byte, {@code 'S'}. */
    public static final int MAGIC = 'S';

    private static final int NR_SHIFT = 0;
    private static final int TYPE_SHIFT = 8;
    private static final int SIZE_SHIFT = 16;
    private static final int DIR_SHIFT = 30;
    private static final int SIZE_MASK = (1 << 14) - 1;
    private static final int DIR_WRITE = 1;
    private static final int DIR_READ = 2;

    /** Size of a manage message or response exchanged through {@link #SD_IOC_MANAGE}. */
    public static final int MANAGE_SIZE = 4096;

    /** {@code _IOR('S', 1, 128)}: {@link SdInfoFlyweight}. */
    public static final int SD_IOC_INFO = ior(MAGIC, 1, SdInfoFlyweight.LENGTH);
    /** {@code _IOWR('S', 2, 4096)}: in a manage message, out its response, synchronously. */
    public static final int SD_IOC_MANAGE = iowr(MAGIC, 2, MANAGE_SIZE);
    /** {@code _IOWR('S', 3, 16)}: {@link SdPartDevFlyweight}. */
    public static final int SD_IOC_PART_DEV = iowr(MAGIC, 3, SdPartDevFlyweight.LENGTH);

    private NodeIoctls()
    {
    }

    /** @return {@code _IOR(type, nr, size)}: the kernel writes {@code size} bytes to the caller. */
    public static int ior(final int type, final int nr, final int size)
    {
        return ioc(DIR_READ, type, nr, size);
    }

    /** @return {@code _IOWR(type, nr, size)}: {@code size} bytes in, and the same bytes back out. */
    public static int iowr(final int type, final int nr, final int size)
    {
        return ioc(DIR_READ | DIR_WRITE, type, nr, size);
    }

    /** @return {@code _IOC_SIZE(cmd)}: the byte size of the command's struct. */
    public static int size(final int cmd)
    {
        return (cmd >>> SIZE_SHIFT) & SIZE_MASK;
    }

    /** @return whether the caller's {@link #size} bytes are copied in ({@code _IOC_WRITE} in the direction bits). */
    public static boolean copiesIn(final int cmd)
    {
        return ((cmd >>> DIR_SHIFT) & DIR_WRITE) != 0;
    }

    /** @return whether {@link #size} bytes are copied back out to the caller ({@code _IOC_READ}). */
    public static boolean copiesOut(final int cmd)
    {
        return ((cmd >>> DIR_SHIFT) & DIR_READ) != 0;
    }

    /** @return the constant's name for logs ({@code "UNKNOWN"} for any other value); never allocates. */
    public static String name(final int cmd)
    {
        if (cmd == SD_IOC_INFO)
        {
            return "SD_IOC_INFO";
        }
        if (cmd == SD_IOC_MANAGE)
        {
            return "SD_IOC_MANAGE";
        }
        if (cmd == SD_IOC_PART_DEV)
        {
            return "SD_IOC_PART_DEV";
        }
        return "UNKNOWN";
    }

    private static int ioc(final int dir, final int type, final int nr, final int size)
    {
        return dir << DIR_SHIFT | size << SIZE_SHIFT | type << TYPE_SHIFT | nr << NR_SHIFT;
    }
}
