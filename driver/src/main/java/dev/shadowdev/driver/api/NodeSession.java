package dev.shadowdev.driver.api;

import java.nio.ByteBuffer;

/**
 * One open file on a node: one session with its own user handle (ABI.md section 1). The filesystem only moves
 * bytes; every rule of the node ABI is enforced behind this interface. All methods return a byte count or 0 on
 * success and a negative errno ({@code -Errno.X.value()}) on failure; none of them throws.
 */
public interface NodeSession
{
    /**
     * Submit one manage message: the bytes from {@code src.position()} to {@code src.limit()}.
     *
     * @return the message length once accepted, or -EINVAL / -EMSGSIZE / -ENODEV / -EIO ... with nothing sent.
     */
    int write(ByteBuffer src);

    /**
     * Take the next response into {@code dst} from its position (capacity = remaining()).
     *
     * @param nonBlocking true under O_NONBLOCK.
     * @return the response length; 0 when nothing is outstanding and nothing queued; -EAGAIN (non-blocking, not
     * ready); -EOVERFLOW when {@code dst} is smaller than the next response (which stays queued).
     */
    int read(ByteBuffer dst, boolean nonBlocking);

    /**
     * Take the next response and hand it to {@code sink} in place, with no copy (the same rules as
     * {@link #read(ByteBuffer, boolean)} otherwise).
     *
     * @param capacity    the most bytes the reader takes: a longer response stays queued (-EOVERFLOW).
     * @param nonBlocking true under O_NONBLOCK.
     * @return what {@code sink} returned; 0, -EAGAIN or -EOVERFLOW as {@link #read(ByteBuffer, boolean)}, the sink
     *     not called.
     */
    int read(ResponseSink sink, int capacity, boolean nonBlocking);

    /**
     * A restricted ioctl (ABI.md 1.4): {@code arg} holds the struct (size = _IOC_SIZE(cmd)) on the way in and is
     * overwritten with the result on the way out.
     *
     * @return 0 or a negative errno (-ENOTTY is reported as -EINVAL for unknown commands).
     */
    int ioctl(int cmd, ByteBuffer arg);

    /** @return true while a response is queued (POLLIN). */
    boolean pollIn();

    /**
     * @param listener run (from a driver thread) whenever a response becomes ready or the node goes offline; used
     *                 for poll wake-ups. {@code null} removes it.
     */
    void readyListener(Runnable listener);

    /** End the session: the driver sends TERMINATE for its handle. Idempotent. */
    void close();
}
