package dev.shadowdev.mhi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MhiStateMachineTest
{
    private static final int[] STATES = {
        MhiState.RESET, MhiState.READY, MhiState.M0, MhiState.M1, MhiState.M2, MhiState.M3, MhiState.SYS_ERR };

    /** Rows: from, columns: to, in the order of {@link #STATES}; 1 = allowed (self-transitions are no-ops). */
    private static final int[][] EXPECTED = {
        //           RESET READY M0 M1 M2 M3 SYS_ERR
        /* RESET  */ {1,    1,    0, 0, 0, 0, 1},
        /* READY  */ {1,    1,    1, 0, 0, 0, 1},
        /* M0     */ {1,    0,    1, 1, 0, 1, 1},
        /* M1     */ {1,    0,    1, 1, 1, 0, 1},
        /* M2     */ {1,    0,    1, 0, 1, 0, 1},
        /* M3     */ {1,    0,    1, 0, 0, 1, 1},
        /* SYS_ERR*/ {1,    0,    0, 0, 0, 0, 1},
    };

    @Test
    void everyTransitionAllowedOrRefusedAsTheTableSays()
    {
        for (int from = 0; from < STATES.length; from++)
        {
            for (int to = 0; to < STATES.length; to++)
            {
                final MhiStateMachine machine = machineIn(STATES[from]);
                final int reached = machine.trySetState(STATES[to]);
                final int expected = EXPECTED[from][to] == 1 ? STATES[to] : STATES[from];
                assertEquals(expected, reached,
                    MhiState.name(STATES[from]) + " -> " + MhiState.name(STATES[to]));
                assertEquals(expected, machine.state());
            }
        }
    }

    @Test
    void powerUpPathAndRecovery()
    {
        final MhiStateMachine machine = new MhiStateMachine();
        assertEquals(MhiState.RESET, machine.state());
        assertEquals(MhiState.RESET, machine.trySetState(MhiState.M0));
        assertEquals(MhiState.READY, machine.trySetState(MhiState.READY));
        assertEquals(MhiState.M0, machine.trySetState(MhiState.M0));
        assertEquals(MhiState.SYS_ERR, machine.trySetState(MhiState.SYS_ERR));
        assertEquals(MhiState.SYS_ERR, machine.trySetState(MhiState.M0));
        assertEquals(MhiState.SYS_ERR, machine.trySetState(MhiState.READY));
        assertEquals(MhiState.RESET, machine.trySetState(MhiState.RESET));
        assertEquals(MhiState.READY, machine.trySetState(MhiState.READY));
    }

    @Test
    void unknownTargetIsRefused()
    {
        final MhiStateMachine machine = machineIn(MhiState.M0);
        assertEquals(MhiState.M0, machine.trySetState(7));
        assertEquals(MhiState.M0, machine.trySetState(-1));
    }

    private static MhiStateMachine machineIn(final int state)
    {
        final MhiStateMachine machine = new MhiStateMachine();
        final int[] path;
        switch (state)
        {
            case MhiState.RESET:
                path = new int[0];
                break;
            case MhiState.READY:
                path = new int[] {MhiState.READY};
                break;
            case MhiState.M0:
                path = new int[] {MhiState.READY, MhiState.M0};
                break;
            case MhiState.M1:
                path = new int[] {MhiState.READY, MhiState.M0, MhiState.M1};
                break;
            case MhiState.M2:
                path = new int[] {MhiState.READY, MhiState.M0, MhiState.M1, MhiState.M2};
                break;
            case MhiState.M3:
                path = new int[] {MhiState.READY, MhiState.M0, MhiState.M3};
                break;
            default:
                path = new int[] {MhiState.SYS_ERR};
                break;
        }
        for (final int s : path)
        {
            assertEquals(s, machine.trySetState(s));
        }
        return machine;
    }
}
