package dev.shadowdev.driver.control;

import dev.shadowdev.driver.pool.PooledBuffer;

/**
 * Told, exactly once per accepted {@link ControlClient#submit}, how the request ended. Called on the transport's
 * event thread (response), the timer thread (ETIMEDOUT) or the recovery thread (EIO); must not block.
 */
@FunctionalInterface
public interface ControlCompletion
{
    /**
     * @param status   0 when {@code response} holds the validated response message (from index 0, length
     *                 {@link PooledBuffer#length()}); otherwise a negative errno (ETIMEDOUT, EIO) and no response.
     * @param response the response, owned by the callee from now on: give it back with
     *                 {@link ControlClient#release(PooledBuffer)}; null when {@code status} is not 0.
     */
    void onControlResponse(int status, PooledBuffer response);
}
