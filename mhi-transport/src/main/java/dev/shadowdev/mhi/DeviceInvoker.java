package dev.shadowdev.mhi;

/**
 * How a host thread lends itself to the device (Agrona {@code AgentInvoker}, Aeron's invoker mode): between
 * {@link #beginDoorbells()} and {@link #endDoorbells()} the doorbells this thread rings wake nobody; the end then
 * runs the device's duty cycle on this thread when the device is idle, or leaves the work to whoever runs the
 * device now (it looks for pending doorbells again before it lets go). The device side installs it on the
 * {@link MhiRegisters}; without one both calls do nothing and doorbells wake the device as usual.
 * <p>
 * The host must hold none of its own locks at {@link #endDoorbells()}: the device's interrupts, and so the host's
 * completions, run inside it.
 */
public interface DeviceInvoker
{
    /** Does nothing: doorbells wake the device's own thread. */
    DeviceInvoker NONE = new DeviceInvoker()
    {
        @Override
        public void beginDoorbells()
        {
        }

        @Override
        public void endDoorbells()
        {
        }
    };

    /** Doorbells rung by this thread from now on wake nobody (nestable). */
    void beginDoorbells();

    /** The outermost end: run the device here if it is idle and has work. */
    void endDoorbells();
}
