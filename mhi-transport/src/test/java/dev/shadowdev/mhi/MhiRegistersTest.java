package dev.shadowdev.mhi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MhiRegistersTest
{
    private final MhiRegisters registers = new MhiRegisters();
    private final AtomicInteger wakes = new AtomicInteger();

    MhiRegistersTest()
    {
        registers.setDoorbellWaker(wakes::incrementAndGet);
    }

    @Test
    void mhictrlWriteLatchesAndWakes()
    {
        assertEquals(0, registers.write32(MhiRegisterLayout.MHICTRL, 0x0200));
        assertEquals(0x0200, registers.read32(MhiRegisterLayout.MHICTRL));
        assertEquals(1, wakes.get());
        assertTrue(registers.hasPending());
        assertEquals(MhiRegisters.PENDING_MHICTRL, registers.takeControlPending());
        assertEquals(0, registers.takeControlPending());
        assertFalse(registers.hasPending());
    }

    @Test
    void channelDoorbellLatchesItsBit()
    {
        assertEquals(0, registers.write64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, 11), 0x1_0000_2010L));
        assertEquals(0, registers.write64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, 70), 0x1_0000_3000L));
        assertEquals(0x1_0000_2010L, registers.read64(0x800 + 88));
        assertEquals(2, wakes.get());
        assertEquals(1L << 11, registers.takeChannelDoorbells(0));
        assertEquals(1L << 6, registers.takeChannelDoorbells(1));
        assertEquals(0L, registers.takeChannelDoorbells(0));
    }

    @Test
    void commandAndEventDoorbellsLatchControlBits()
    {
        assertEquals(0, registers.write64(MhiRegisterLayout.CRDB, 0x1_0000_4010L));
        assertEquals(0, registers.write64(MhiRegisterLayout.eventDoorbell(MhiRegisterLayout.ERDB_BASE, 0), 0x1_0000_51F0L));
        assertEquals(MhiRegisters.PENDING_CRDB | MhiRegisters.PENDING_ERDB, registers.takeControlPending());
        assertEquals(0x1_0000_4010L, registers.read64(0x70));
        assertEquals(0x1_0000_51F0L, registers.read64(0xC00));
    }

    @Test
    void hostCannotWriteDeviceOwnedRegisters()
    {
        assertEquals(-22, registers.write32(MhiRegisterLayout.MHISTATUS, 0xFF04));
        assertEquals(-22, registers.write32(MhiRegisterLayout.CHDBOFF, 0));
        assertEquals(-22, registers.write64(MhiRegisterLayout.MHICTRL, 0));
        assertEquals(-22, registers.write64(MhiRegisterLayout.CHDB_BASE + 4, 0));
        assertEquals(-22, registers.write64(0x2000, 0));
        assertEquals(0, registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals(0, wakes.get());
        assertEquals(0, registers.store32(MhiRegisterLayout.MHISTATUS, 0x0101));
        assertEquals(0x0101, registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals(0, wakes.get());
    }

    @Test
    void badOffsetsReadAllOnes()
    {
        assertEquals(-1, registers.read32(0x1000));
        assertEquals(-1, registers.read32(0x3A));
        assertEquals(-1L, registers.read64(0x5C));
        assertEquals(-1, registers.read32(-4));
        assertEquals(-22, registers.store32(0x1000, 1));
    }

    @Test
    void addressRegistersHoldSixtyFourBits()
    {
        assertEquals(0, registers.write64(MhiRegisterLayout.CCABAP, 0x1_0000_1000L));
        assertEquals(0x1_0000_1000L, registers.read64(MhiRegisterLayout.CCABAP));
        assertEquals(0x0000_1000, registers.read32(0x58));
        assertEquals(0x0000_0001, registers.read32(0x5C));
        assertEquals(0, registers.takeControlPending());
    }

    @Test
    void dbcWindow()
    {
        assertEquals(0, registers.dbcWrite(3, DbcRegs.REQ_TAIL, 5));
        assertEquals(0, registers.dbcWrite(15, DbcRegs.RSP_HEAD, 2));
        assertEquals(-22, registers.dbcWrite(3, DbcRegs.REQ_HEAD, 1));
        assertEquals(-22, registers.dbcWrite(16, DbcRegs.REQ_TAIL, 1));
        assertEquals(5, registers.dbcRead(3, DbcRegs.REQ_TAIL));
        assertEquals((1 << 3) | (1 << 15), registers.takeDbcDoorbells());
        assertEquals(0, registers.dbcStore(3, DbcRegs.RSP_TAIL, 7));
        assertEquals(7, registers.dbcRead(3, DbcRegs.RSP_TAIL));
        assertEquals(-1, registers.dbcRead(3, 0x10));
        assertEquals(2, wakes.get());
    }

    @Test
    void interruptsReachTheHostHandler()
    {
        final List<Integer> vectors = new ArrayList<>();
        registers.raiseInterrupt(0);
        registers.setInterruptHandler(vectors::add);
        registers.raiseInterrupt(0);
        registers.raiseInterrupt(InterruptHandler.dbcVector(4));
        assertEquals(List.of(0, 5), vectors);
    }

    /**
     * A preempted workload's session that rings before it has heard of the preemption writes with the generation of
     * its own binding; the DBC serves the next one now, so the write is dropped and the new owner's register stays.
     */
    @Test
    void aDbcDoorbellOfAnOlderBindingIsDropped()
    {
        registers.dbcGeneration(3, 0);
        assertEquals(0, registers.dbcWrite(3, DbcRegs.REQ_TAIL, 2, 0));
        assertEquals(2, registers.dbcRead(3, DbcRegs.REQ_TAIL));

        registers.dbcGeneration(3, 1);
        registers.dbcStore(3, DbcRegs.REQ_TAIL, 0);
        assertEquals(0, registers.dbcWrite(3, DbcRegs.REQ_TAIL, 1, 1));
        assertEquals(dev.shadowdev.abi.Errno.EACCES.status(), registers.dbcWrite(3, DbcRegs.REQ_TAIL, 5, 0));
        assertEquals(dev.shadowdev.abi.Errno.EACCES.status(), registers.dbcWrite(3, DbcRegs.RSP_HEAD, 4, 0));
        assertEquals(1, registers.dbcRead(3, DbcRegs.REQ_TAIL));
        assertEquals(0, registers.dbcRead(3, DbcRegs.RSP_HEAD));
        assertEquals(2, registers.staleDbcWrites());
    }
}
