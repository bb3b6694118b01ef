package dev.shadowdev.driver.api;

import java.nio.ByteBuffer;

/**
 * Takes a node response where it lies, for a reader that sends it on without copying it first (the devfs's FUSE
 * workers hand the response's memory to the kernel with their reply). The session recycles the memory when this
 * returns.
 */
@FunctionalInterface
public interface ResponseSink
{
    /**
     * @param response the response's memory: its bytes are {@code [0, length)}; position and limit are not the
     *                 sink's to rely on or to keep. Valid during the call only.
     * @param address  the native address of byte 0 when the memory is direct, else 0.
     * @param length   the response's length.
     * @return what the read returns: {@code length} once sent, or a negative errno.
     */
    int accept(ByteBuffer response, long address, int length);
}
