package dev.shadowdev.driver.session;

import dev.shadowdev.driver.recovery.DriverState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionStateTest
{
    @Test
    void theGateFollowsTheTable()
    {
        final SessionState state = new SessionState();
        assertEquals(SessionState.IDLE, state.trySetState(SessionState.AWAIT_CONTROL));
        assertEquals(SessionState.BUILDING, state.trySetState(SessionState.BUILDING));
        assertEquals(SessionState.AWAIT_CONTROL, state.trySetState(SessionState.AWAIT_CONTROL));
        assertEquals(SessionState.AWAIT_CONTROL, state.trySetState(SessionState.AWAIT_CONTROL));
        assertEquals(SessionState.AWAIT_CONTROL, state.trySetState(SessionState.IDLE));
        assertEquals(SessionState.BUILDING, state.trySetState(SessionState.BUILDING));
        assertEquals(SessionState.IDLE, state.trySetState(SessionState.IDLE));
        assertEquals(SessionState.TERMINATING, state.trySetState(SessionState.TERMINATING));
        assertEquals(SessionState.CLOSED, state.trySetState(SessionState.CLOSED));
        assertEquals(SessionState.CLOSED, state.trySetState(SessionState.IDLE));
        assertEquals("AWAIT_DBC", SessionState.name(SessionState.AWAIT_DBC));
    }

    @Test
    void theDriverGateFollowsItsTable()
    {
        final DriverState state = new DriverState();
        assertEquals(DriverState.NEW, state.trySetState(DriverState.ONLINE));
        assertEquals(DriverState.PROBING, state.trySetState(DriverState.PROBING));
        assertEquals(DriverState.FAILED, state.trySetState(DriverState.FAILED));
        assertEquals(DriverState.FAILED, state.trySetState(DriverState.RECOVERING));
        assertEquals(DriverState.PROBING, state.trySetState(DriverState.PROBING));
        assertEquals(DriverState.ONLINE, state.trySetState(DriverState.ONLINE));
        assertEquals(DriverState.RECOVERING, state.trySetState(DriverState.RECOVERING));
        assertEquals(DriverState.RECOVERING, state.trySetState(DriverState.RECOVERING));
        assertEquals(DriverState.ONLINE, state.trySetState(DriverState.ONLINE));
        assertEquals(DriverState.CLOSED, state.trySetState(DriverState.CLOSED));
        assertEquals(DriverState.CLOSED, state.trySetState(DriverState.PROBING));
        assertEquals("RECOVERING", DriverState.name(DriverState.RECOVERING));
    }
}
