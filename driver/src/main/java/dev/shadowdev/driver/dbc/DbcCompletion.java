package dev.shadowdev.driver.dbc;

/**
 * Told, exactly once per accepted {@link DbcBinding#submitExecute}, how the EXECUTE ended. Called on the thread
 * that raised the DBC interrupt, the timer thread or the recovery thread; must not block.
 */
@FunctionalInterface
public interface DbcCompletion
{
    /**
     * @param status 0: the output is in the binding's output buffer ({@link DbcBinding#appendOutput}); otherwise a
     *               negative errno: the device's status (EOVERFLOW, EACCES, ENOENT, EIO ...), -ETIMEDOUT, or -EIO
     *               when the binding was torn down.
     */
    void onDbcResponse(int status);
}
