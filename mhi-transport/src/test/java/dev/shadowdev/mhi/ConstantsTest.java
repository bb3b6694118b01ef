package dev.shadowdev.mhi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins external ABI values, written out by hand from their source rather than from our constants: the MHI packet
 * types, completion codes, MHI states, execution environments, channel states and register offsets/fields of Linux
 * {@code drivers/bus/mhi/common.h} (ABI.md section 4), and the qaic DMA bridge register offsets and the CONTROL
 * channel pair 10/11 of Linux {@code drivers/accel/qaic}. A change here is a change of the wire, not a refactoring.
 */
class ConstantsTest
{
    @Test
    void packetTypes()
    {
        assertEquals(2, PacketType.TRANSFER);
        assertEquals(0x10, PacketType.RESET_CHAN);
        assertEquals(0x11, PacketType.STOP_CHAN);
        assertEquals(0x12, PacketType.START_CHAN);
        assertEquals(0x20, PacketType.STATE_CHANGE_EVENT);
        assertEquals(0x21, PacketType.CMD_COMPLETION_EVENT);
        assertEquals(0x22, PacketType.TX_EVENT);
        assertEquals(0x40, PacketType.EE_EVENT);
        assertEquals("CMD_COMPLETION_EVENT", PacketType.name(0x21));
        assertEquals("UNKNOWN(0x99)", PacketType.name(0x99));
    }

    @Test
    void completionCodes()
    {
        assertEquals(1, CompletionCode.SUCCESS);
        assertEquals(2, CompletionCode.EOT);
        assertEquals(3, CompletionCode.OVERFLOW);
        assertEquals(4, CompletionCode.EOB);
        assertEquals(5, CompletionCode.OOB);
        assertEquals(6, CompletionCode.DB_MODE);
        assertEquals(0x10, CompletionCode.UNDEFINED_ERR);
        assertEquals(0x11, CompletionCode.BAD_TRE);
        assertEquals("BAD_TRE", CompletionCode.name(0x11));
    }

    @Test
    void statesAndExecutionEnvironments()
    {
        assertEquals(0, MhiState.RESET);
        assertEquals(1, MhiState.READY);
        assertEquals(2, MhiState.M0);
        assertEquals(3, MhiState.M1);
        assertEquals(4, MhiState.M2);
        assertEquals(5, MhiState.M3);
        assertEquals(0xFF, MhiState.SYS_ERR);
        assertEquals(0, ExecEnv.PBL);
        assertEquals(1, ExecEnv.SBL);
        assertEquals(2, ExecEnv.AMSS);
        assertEquals("SYS_ERR", MhiState.name(0xFF));
        assertEquals("UNKNOWN(0x7)", MhiState.name(7));
    }

    @Test
    void registerOffsetsAndFields()
    {
        assertEquals(0x18, MhiRegisterLayout.CHDBOFF);
        assertEquals(0x20, MhiRegisterLayout.ERDBOFF);
        assertEquals(0x38, MhiRegisterLayout.MHICTRL);
        assertEquals(0x48, MhiRegisterLayout.MHISTATUS);
        assertEquals(0x58, MhiRegisterLayout.CCABAP);
        assertEquals(0x60, MhiRegisterLayout.ECABAP);
        assertEquals(0x68, MhiRegisterLayout.CRCBAP);
        assertEquals(0x70, MhiRegisterLayout.CRDB);
        assertEquals(0x2, MhiRegisterLayout.MHICTRL_RESET);
        assertEquals(0x4, MhiRegisterLayout.MHISTATUS_SYSERR);
        assertEquals(0x1, MhiRegisterLayout.MHISTATUS_READY);
        assertEquals(0x0200, MhiRegisterLayout.stateField(MhiState.M0));
        assertEquals(MhiState.SYS_ERR, MhiRegisterLayout.state(0xFF04));
        assertEquals(0x800 + 8 * 11, MhiRegisterLayout.channelDoorbell(0x800, 11));
        assertEquals(0xC00 + 8 * 2, MhiRegisterLayout.eventDoorbell(0xC00, 2));
        assertEquals(0x0, DbcRegs.REQ_HEAD);
        assertEquals(0x4, DbcRegs.REQ_TAIL);
        assertEquals(0x8, DbcRegs.RSP_HEAD);
        assertEquals(0xC, DbcRegs.RSP_TAIL);
        assertEquals(0x3004, DbcRegs.offset(3, DbcRegs.REQ_TAIL));
    }

    @Test
    void channelStatesAndTypes()
    {
        assertEquals(0, ChannelState.DISABLED);
        assertEquals(1, ChannelState.ENABLED);
        assertEquals(2, ChannelState.RUNNING);
        assertEquals(4, ChannelState.STOP);
        assertEquals(ChannelType.OUTBOUND, ChannelType.forChannel(10));
        assertEquals(ChannelType.INBOUND, ChannelType.forChannel(11));
        assertEquals(11, QaicChannels.partner(10));
    }
}
