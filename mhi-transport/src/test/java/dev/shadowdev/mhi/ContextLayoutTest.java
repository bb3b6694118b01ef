package dev.shadowdev.mhi;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContextLayoutTest
{
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void offsetsFollowStructMhiChanCtxt()
    {
        assertEquals(0, RingContextFlyweight.WORD0_OFFSET);
        assertEquals(4, RingContextFlyweight.WORD1_OFFSET);
        assertEquals(8, RingContextFlyweight.WORD2_OFFSET);
        assertEquals(12, RingContextFlyweight.RBASE_OFFSET);
        assertEquals(20, RingContextFlyweight.RLEN_OFFSET);
        assertEquals(28, RingContextFlyweight.RP_OFFSET);
        assertEquals(36, RingContextFlyweight.WP_OFFSET);
        assertEquals(44, RingContextFlyweight.LENGTH);
    }

    @Test
    void channelContextBytes()
    {
        final ChannelContextFlyweight context = new ChannelContextFlyweight().wrap(buffer, 44);
        context.chcfg(0x200)
            .chstate(ChannelState.RUNNING)
            .chtype(ChannelType.INBOUND)
            .erindex(0)
            .rbase(0x1_0000_2000L)
            .rlen(0x200)
            .rp(0x1_0000_2010L)
            .wp(0x1_0000_2040L);

        assertEquals(
            "02 02 00 00 02 00 00 00 00 00 00 00 " +
            "00 20 00 00 01 00 00 00 00 02 00 00 00 00 00 00 " +
            "10 20 00 00 01 00 00 00 40 20 00 00 01 00 00 00",
            Hex.of(buffer, 44, 44));
        assertEquals(ChannelState.RUNNING, context.chstate());
        assertEquals(0x202, context.chcfg());
    }

    @Test
    void eventContextBytes()
    {
        new EventContextFlyweight().wrap(buffer, 0)
            .intmod(0x64 << 16)
            .ertype(EventContextFlyweight.ERTYPE_VALID)
            .msivec(3)
            .rbase(0x1_0000_3000L)
            .rlen(0x100)
            .rp(0x1_0000_3000L)
            .wp(0x1_0000_30F0L);

        assertEquals(
            "00 00 64 00 01 00 00 00 03 00 00 00 " +
            "00 30 00 00 01 00 00 00 00 01 00 00 00 00 00 00 " +
            "00 30 00 00 01 00 00 00 f0 30 00 00 01 00 00 00",
            Hex.of(buffer, 0, 44));
    }

    @Test
    void commandContextBytes()
    {
        buffer.put(0, Hex.bytes("ff ff ff ff ff ff ff ff ff ff ff ff"));
        new CommandContextFlyweight().wrap(buffer, 0)
            .clearReserved()
            .rbase(0x1_0000_4000L)
            .rlen(0x100)
            .rp(0x1_0000_4000L)
            .wp(0x1_0000_4010L);

        assertEquals(
            "00 00 00 00 00 00 00 00 00 00 00 00 " +
            "00 40 00 00 01 00 00 00 00 01 00 00 00 00 00 00 " +
            "00 40 00 00 01 00 00 00 10 40 00 00 01 00 00 00",
            Hex.of(buffer, 0, 44));
    }

    @Test
    void orderedPointerAccessAtFourAlignedOffset()
    {
        final ChannelContextFlyweight context = new ChannelContextFlyweight().wrap(buffer, 88);
        context.rpRelease(0x1_2345_6780L);
        context.wpRelease(0x1_0000_0010L);

        assertEquals(0x1_2345_6780L, context.rpAcquire());
        assertEquals(0x1_0000_0010L, context.wpAcquire());
        assertEquals("80 67 45 23 01 00 00 00 10 00 00 00 01 00 00 00", Hex.of(buffer, 88 + 28, 16));
    }

    @Test
    void decodeChannelContextFromHandWrittenBytes()
    {
        buffer.put(0, Hex.bytes(
            "01 00 00 00 01 00 00 00 02 00 00 00 " +
            "00 50 00 00 01 00 00 00 00 08 00 00 00 00 00 00 " +
            "20 50 00 00 01 00 00 00 30 50 00 00 01 00 00 00"));
        final ChannelContextFlyweight context = new ChannelContextFlyweight().wrap(buffer, 0);

        assertEquals(ChannelState.ENABLED, context.chstate());
        assertEquals(ChannelType.OUTBOUND, context.chtype());
        assertEquals(2, context.erindex());
        assertEquals(0x1_0000_5000L, context.rbase());
        assertEquals(0x800, context.rlen());
        assertEquals(0x1_0000_5020L, context.rp());
        assertEquals(0x1_0000_5030L, context.wp());
    }
}
