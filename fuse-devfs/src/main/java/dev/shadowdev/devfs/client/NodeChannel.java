package dev.shadowdev.devfs.client;

import java.nio.ByteBuffer;

/**
 * The raw node file (ABI.md section 1): one {@code write} is one manage message, one {@code read} one response,
 * plus the restricted ioctls and poll. Every method returns a count or 0 on success and a negative errno on failure;
 * none throws, and none moves the position or limit of the caller's buffer.
 * <p>
 * Implementations: {@link FileNodeChannel} (a node file through libc) and {@link SessionNodeChannel} (a driver
 * session in this JVM). A channel may be used by a reading thread and a writing thread at once, but each operation
 * by one thread at a time.
 */
public interface NodeChannel extends AutoCloseable
{
    /**
     * Submit one manage message: the bytes from {@code src.position()} to {@code src.limit()}.
     *
     * @return the message length once accepted, or a negative errno (-EINVAL, -EMSGSIZE, ...) with nothing sent.
     */
    int write(ByteBuffer src);

    /**
     * Take the next response into {@code dst} at its position; at most {@code dst.remaining()} bytes.
     *
     * @return the response length; 0 when nothing is outstanding; -EAGAIN when non-blocking and nothing is ready;
     * -EOVERFLOW when the response is larger than {@code dst.remaining()} (it stays queued).
     */
    int read(ByteBuffer dst);

    /**
     * A restricted ioctl: the struct is {@code _IOC_SIZE(cmd)} bytes at {@code arg.position()}, read on the way in
     * and overwritten with the result on the way out.
     *
     * @return 0 or a negative errno; -EINVAL when {@code arg.remaining()} is smaller than the struct.
     */
    int ioctl(int cmd, ByteBuffer arg);

    /**
     * Wait until a response is ready to read (POLLIN).
     *
     * @param timeoutMs how long to wait; 0 checks without waiting, negative waits forever.
     * @return 1 when ready, 0 on timeout, or a negative errno.
     */
    int poll(int timeoutMs);

    /** End the session (the driver frees what it owned). Idempotent. */
    @Override
    void close();
}
