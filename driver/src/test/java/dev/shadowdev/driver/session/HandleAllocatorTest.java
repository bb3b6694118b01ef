package dev.shadowdev.driver.session;

import dev.shadowdev.driver.minor.MinorAllocator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HandleAllocatorTest
{
    @Test
    void handlesStartAtOneAndTheLowestFreedComesBack()
    {
        final HandleAllocator handles = new HandleAllocator();
        assertEquals(1, handles.allocate());
        assertEquals(2, handles.allocate());
        assertEquals(3, handles.allocate());
        assertEquals(0, handles.free(2));
        assertEquals(2, handles.allocate());
        assertEquals(4, handles.allocate());
    }

    @Test
    void freeingAHandleNotInUseIsRefused()
    {
        final HandleAllocator handles = new HandleAllocator();
        assertEquals(MinorAllocator.NOT_IN_USE, handles.free(1));
        assertEquals(MinorAllocator.OUT_OF_RANGE, handles.free(0));
    }
}
