package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.node.ManageMessageValidator;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.node.NodeTypes;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bug {@link ManageFuzzIT} found: {@code ManageMessageValidator.validateTransaction} reads the options, reserved
 * or flags word of an ACTIVATE, DEACTIVATE or PART_DESTROY (bytes 12..16 of the transaction) before it has checked
 * that the transaction is that long. When such a transaction is the last of a message and only 8 bytes long (its
 * header), the read lands up to 8 bytes past the message: on a buffer that ends with the message it throws
 * {@link IndexOutOfBoundsException} instead of returning -EINVAL ("nothing throws, whatever the bytes"). The
 * driver validates writes in pooled buffers of 512 B, 4 KiB, 64 KiB + 64 and 128 KiB, so a write of exactly 512 or
 * 4096 bytes ending that way throws inside the FUSE write callback, and SD_IOC_MANAGE validates an exactly 4096-byte
 * view, so a message of len 4096 ending that way throws in the ioctl callback.
 */
class ValidatorBoundsIT
{
    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @ParameterizedTest
    @ValueSource(ints = {NodeTypes.ACTIVATE, NodeTypes.DEACTIVATE, NodeTypes.PART_DESTROY})
    void theValidatorRefusesAShortLastTransactionWithoutReadingPastTheMessage(final int type)
    {
        final byte[] message = message(512, type);
        final WireError error = new WireError();
        assertEquals(Errno.EINVAL.status(), new ManageMessageValidator().validate(new WireBuffer(message), 0,
            message.length, error));
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void aWriteOfAPoolSizedMessageEndingInAShortDeactivateFailsWithEinval(final int length) throws Exception
    {
        try (FileNodeChannel channel = FileNodeChannel.open(devfs.node("batch"), false))
        {
            assertEquals(Errno.EINVAL.status(), channel.write(ByteBuffer.wrap(message(length, NodeTypes.DEACTIVATE))));
            assertEquals(0, channel.read(ByteBuffer.allocateDirect(4096)), "nothing queued");
        }
        devfs.assertHealthyAndIdle();
    }

    @ParameterizedTest
    @ValueSource(ints = {NodeTypes.ACTIVATE, NodeTypes.PART_DESTROY})
    void anIoctlOfA4096ByteMessageEndingInAShortTransactionFailsWithEinval(final int type) throws Exception
    {
        try (NodeClient client = NodeClient.open(devfs.node("batch")))
        {
            final ByteBuffer arg = ByteBuffer.wrap(message(NodeIoctls.MANAGE_SIZE, type)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(Errno.EINVAL.status(), client.channel().ioctl(NodeIoctls.SD_IOC_MANAGE, arg));
        }
        devfs.assertHealthyAndIdle();
    }

    /** A PASSTHROUGH filling all but the last 8 bytes, then a transaction of {@code type} that is only its header. */
    static byte[] message(final int length, final int type)
    {
        final ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, length).putInt(4, 2).putInt(8, 77).putInt(12, 0);
        b.putInt(16, NodeTypes.PASSTHROUGH).putInt(20, length - 16 - 8);
        b.putInt(length - 8, type).putInt(length - 4, 8);
        return b.array();
    }
}
