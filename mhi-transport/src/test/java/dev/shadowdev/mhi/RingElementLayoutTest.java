package dev.shadowdev.mhi;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingElementLayoutTest
{
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void offsetsFollowStructMhiRingElement()
    {
        assertEquals(0, RingElementFlyweight.PTR_OFFSET);
        assertEquals(8, RingElementFlyweight.DWORD0_OFFSET);
        assertEquals(12, RingElementFlyweight.DWORD1_OFFSET);
        assertEquals(16, RingElementFlyweight.LENGTH);
    }

    @Test
    void transferTreEncodesChainAndIeot()
    {
        new TransferTreFlyweight().wrap(buffer, 16)
            .encode(0x1_0000_1000L, 0x1234, TransferTreFlyweight.FLAG_CHAIN | TransferTreFlyweight.FLAG_IEOT);

        assertEquals("00 10 00 00 01 00 00 00 34 12 00 00 01 02 02 00", Hex.of(buffer, 16, 16));
    }

    @Test
    void transferTreEncodesBeiAndIeob()
    {
        new TransferTreFlyweight().wrap(buffer, 0)
            .encode(0x1_0000_0040L, 0xFFFF, TransferTreFlyweight.FLAG_BEI | TransferTreFlyweight.FLAG_IEOB);

        assertEquals("40 00 00 00 01 00 00 00 ff ff 00 00 00 05 02 00", Hex.of(buffer, 0, 16));
    }

    @Test
    void transferTreDecodesHandWrittenBytes()
    {
        buffer.put(0, Hex.bytes("00 30 00 00 01 00 00 00 00 01 00 00 00 02 02 00"));
        final TransferTreFlyweight tre = new TransferTreFlyweight().wrap(buffer, 0);

        assertEquals(0x1_0000_3000L, tre.ptr());
        assertEquals(256, tre.length());
        assertEquals(PacketType.TRANSFER, tre.type());
        assertTrue(tre.ieot());
        assertFalse(tre.chain());
        assertFalse(tre.ieob());
        assertFalse(tre.bei());
        assertEquals(TransferTreFlyweight.FLAG_IEOT, tre.flags());
    }

    @Test
    void commandTreEncodesStartResetStop()
    {
        final CommandTreFlyweight command = new CommandTreFlyweight();
        command.wrap(buffer, 0).encode(PacketType.START_CHAN, 10);
        command.wrap(buffer, 16).encode(PacketType.RESET_CHAN, 11);
        command.wrap(buffer, 32).encode(PacketType.STOP_CHAN, 3);

        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 12 0a", Hex.of(buffer, 0, 16));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 10 0b", Hex.of(buffer, 16, 16));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 11 03", Hex.of(buffer, 32, 16));
        assertEquals(3, command.chid());
        assertEquals(PacketType.STOP_CHAN, command.type());
    }

    @Test
    void transferEventEncodesCodeLengthChannel()
    {
        new EventFlyweight().wrap(buffer, 0).encodeTransfer(0x1_0000_2000L, CompletionCode.EOT, 64, 11);

        assertEquals("00 20 00 00 01 00 00 00 40 00 00 02 00 00 22 0b", Hex.of(buffer, 0, 16));
    }

    @Test
    void overflowAndBadTreEventsCarryTheirCodes()
    {
        final EventFlyweight event = new EventFlyweight();
        event.wrap(buffer, 0).encodeTransfer(0x1_0000_2010L, CompletionCode.OVERFLOW, 0x1000, 1);
        event.wrap(buffer, 16).encodeTransfer(0x1_0000_2020L, CompletionCode.BAD_TRE, 0, 4);

        assertEquals("10 20 00 00 01 00 00 00 00 10 00 03 00 00 22 01", Hex.of(buffer, 0, 16));
        assertEquals("20 20 00 00 01 00 00 00 00 00 00 11 00 00 22 04", Hex.of(buffer, 16, 16));
    }

    @Test
    void commandCompletionStateChangeAndEeEvents()
    {
        final EventFlyweight event = new EventFlyweight();
        event.wrap(buffer, 0).encodeCommandCompletion(0x1_0000_4000L, CompletionCode.SUCCESS);
        event.wrap(buffer, 16).encodeStateChange(MhiState.M0);
        event.wrap(buffer, 32).encodeStateChange(MhiState.SYS_ERR);
        event.wrap(buffer, 48).encodeExecEnv(ExecEnv.AMSS);

        assertEquals("00 40 00 00 01 00 00 00 00 00 00 01 00 00 21 00", Hex.of(buffer, 0, 16));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 02 00 00 20 00", Hex.of(buffer, 16, 16));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 ff 00 00 20 00", Hex.of(buffer, 32, 16));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 02 00 00 40 00", Hex.of(buffer, 48, 16));
    }

    @Test
    void eventDecodesHandWrittenBytes()
    {
        buffer.put(0, Hex.bytes("f0 2f 00 00 01 00 00 00 08 00 00 03 00 00 22 0b"));
        final EventFlyweight event = new EventFlyweight().wrap(buffer, 0);

        assertEquals(0x1_0000_2FF0L, event.ptr());
        assertEquals(CompletionCode.OVERFLOW, event.code());
        assertEquals(8, event.length());
        assertEquals(11, event.chid());
        assertEquals(PacketType.TX_EVENT, event.type());
    }
}
