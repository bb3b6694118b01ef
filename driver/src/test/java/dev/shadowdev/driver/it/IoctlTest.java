package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.node.SdInfoFlyweight;
import dev.shadowdev.wire.node.SdPartDevFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ABI.md 1.4: SD_IOC_INFO, SD_IOC_MANAGE, SD_IOC_PART_DEV. */
class IoctlTest
{
    private static final long GIB = 1L << 30;

    private final Rig rig = new Rig().up();
    private final Client base = rig.base();

    @AfterEach
    void close()
    {
        base.close();
        rig.close();
    }

    @Test
    void infoDescribesTheNodeAndItsPool()
    {
        final int[] status = new int[1];
        final SdInfoFlyweight info = new SdInfoFlyweight().wrap(base.info(status), 0);
        assertEquals(0, status[0]);
        assertEquals(-1, info.partitionId());
        assertEquals(rig.baseMinor(), info.minor());
        assertEquals(261, info.major());
        assertEquals(SdInfoFlyweight.FLAG_BASE | SdInfoFlyweight.FLAG_ONLINE, info.flags());
        assertEquals("aic100", info.name());
        assertEquals(16, info.total(0));
        assertEquals(16, info.free(4));

        final int minor = rig.shadow(base, "beta", 2, GIB, 2, 2, 2);
        try (Client shadow = rig.open(minor))
        {
            final SdInfoFlyweight shadowInfo = new SdInfoFlyweight().wrap(shadow.info(status), 0);
            assertEquals(0, status[0]);
            assertEquals(SdInfoFlyweight.FLAG_SHADOW | SdInfoFlyweight.FLAG_ONLINE, shadowInfo.flags());
            assertEquals(minor, shadowInfo.minor());
            assertEquals("beta", shadowInfo.name());
            assertEquals(2, shadowInfo.total(0));
            assertEquals(GIB, shadowInfo.total(1));
        }
        final SdInfoFlyweight after = new SdInfoFlyweight().wrap(base.info(status), 0);
        assertEquals(14, after.free(0));
    }

    @Test
    void manageIsSynchronousAndBoundTo4096Bytes()
    {
        final int[] status = new int[1];
        final Rsp rsp = base.manage(Msg.tag(77).status().passthrough(new byte[16]).bytes(), status);
        assertEquals(0, status[0]);
        assertEquals(77, rsp.tag());
        assertEquals(List.of("STATUS:0", "PASSTHROUGH:0"), rsp.statuses());
        assertFalse(base.session.pollIn());

        assertNull(base.manage(Msg.tag(1).passthrough(new byte[4096 - 24]).bytes(), status));
        assertEquals(Errno.EMSGSIZE.status(), status[0]);
        assertNull(base.manage(Msg.tag(1).status().patch(b -> b.putInt(0, 5000)).bytes(), status));
        assertEquals(Errno.EMSGSIZE.status(), status[0]);
        assertNull(base.manage(Msg.tag(1).status().patch(b -> b.putInt(12, 3)).bytes(), status));
        assertEquals(Errno.EINVAL.status(), status[0]);
    }

    @Test
    void unknownOrShortIoctlsAreEinval()
    {
        assertEquals(Errno.EINVAL.status(), base.session.ioctl(0x80045399, ByteBuffer.allocate(4)));
        assertEquals(Errno.EINVAL.status(), base.session.ioctl(NodeIoctls.SD_IOC_INFO, ByteBuffer.allocate(16)));
    }

    @Test
    void partDevCreatesValidatedNodesWithWantedMinorsAndRemovesThem()
    {
        final int a = rig.createPartition(base, "a", 1, GIB, 1, 1, 1);
        final int b = rig.createPartition(base, "b", 1, GIB, 1, 1, 1);
        final int sent = rig.wire.sentCount();

        assertEquals(Errno.ENOENT.status(), base.partDev(999, 0, 0)[0]);
        final int[] first = base.partDev(a, 0, 0);
        assertEquals(0, first[0]);
        assertEquals(rig.baseMinor() + 1, first[1]);
        assertEquals(first[1], base.partDev(a, 0, 0)[1]);
        final int[] wanted = base.partDev(b, SdPartDevFlyweight.FLAG_WANT_MINOR, 40);
        assertEquals(0, wanted[0]);
        assertEquals(40, wanted[1]);
        assertTrue(rig.wire.sentCount() > sent);

        final int c = rig.createPartition(base, "c", 1, GIB, 1, 1, 1);
        assertEquals(Errno.EBUSY.status(), base.partDev(c, SdPartDevFlyweight.FLAG_WANT_MINOR, 40)[0]);
        assertEquals(Errno.EBUSY.status(), base.partDev(c, SdPartDevFlyweight.FLAG_WANT_MINOR, rig.baseMinor())[0]);
        assertEquals(Errno.EINVAL.status(), base.partDev(c, 0x8, 0)[0]);
        assertEquals(Errno.EINVAL.status(), base.partDev(-1, 0, 0)[0]);

        final NodeView view = rig.driver.nodes().stream().filter(n -> n.minor() == 40).findFirst().orElseThrow();
        assertEquals(b, view.partitionId());
        assertEquals("b", view.name());
        assertEquals(rig.baseMinor(), view.parentMinor());
        assertTrue(view.online());

        final int[] removed = base.partDev(b, SdPartDevFlyweight.FLAG_REMOVE, 0);
        assertEquals(0, removed[0]);
        assertEquals(40, removed[1]);
        assertEquals(Errno.ENOENT.status(), base.partDev(b, SdPartDevFlyweight.FLAG_REMOVE, 0)[0]);
        assertEquals(Errno.ENOENT.status(), rig.driver.open(40).status());
        assertEquals(4, rig.driver.nodes().size() + 1);
    }

    @Test
    void partDevOnAShadowNodeIsEperm()
    {
        final int minor = rig.shadow(base, "s", 1, GIB, 1, 1, 1);
        try (Client shadow = rig.open(minor))
        {
            final int sent = rig.wire.sentCount();
            assertEquals(Errno.EPERM.status(), shadow.partDev(1, 0, 0)[0]);
            assertEquals(Errno.EPERM.status(), shadow.partDev(1, SdPartDevFlyweight.FLAG_REMOVE, 0)[0]);
            assertEquals(sent, rig.wire.sentCount());
        }
    }
}
