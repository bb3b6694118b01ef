package dev.shadowdev.devfs.fs;

import dev.shadowdev.driver.api.NodeSession;

import java.nio.charset.StandardCharsets;

import ru.serce.jnrfuse.LibFuse;
import ru.serce.jnrfuse.struct.FusePollhandle;

/**
 * One open file of the devfs: a node session, or a snapshot of a text file (attribute or metrics) taken at open,
 * so that a reader sees one consistent value however it splits its reads.
 */
final class OpenFile
{
    final NodeSession session;
    final boolean nonBlocking;
    final byte[] text;
    private FusePollhandle pollHandle;
    private boolean released;

    private OpenFile(final NodeSession session, final boolean nonBlocking, final byte[] text)
    {
        this.session = session;
        this.nonBlocking = nonBlocking;
        this.text = text;
    }

    static OpenFile node(final NodeSession session, final boolean nonBlocking)
    {
        return new OpenFile(session, nonBlocking, null);
    }

    static OpenFile text(final String text)
    {
        return new OpenFile(null, false, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keep the kernel's latest poll handle (destroying the one it replaces) and make the session wake it when a
     * response is ready.
     */
    synchronized void pollHandle(final LibFuse libFuse, final FusePollhandle handle)
    {
        if (released)
        {
            libFuse.fuse_pollhandle_destroy(handle);
            return;
        }
        final FusePollhandle previous = pollHandle;
        pollHandle = handle;
        if (previous != null)
        {
            libFuse.fuse_pollhandle_destroy(previous);
        }
        else
        {
            session.readyListener(() -> notifyPoll(libFuse));
        }
    }

    private synchronized void notifyPoll(final LibFuse libFuse)
    {
        if (pollHandle != null && !released)
        {
            libFuse.fuse_notify_poll(pollHandle);
        }
    }

    /** End the session and let go of the poll handle. Idempotent. */
    void release(final LibFuse libFuse)
    {
        if (session != null)
        {
            session.readyListener(null);
            session.close();
        }
        synchronized (this)
        {
            released = true;
            if (pollHandle != null)
            {
                libFuse.fuse_pollhandle_destroy(pollHandle);
                pollHandle = null;
            }
        }
    }
}
