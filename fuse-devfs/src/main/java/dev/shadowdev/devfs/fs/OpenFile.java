package dev.shadowdev.devfs.fs;

import dev.shadowdev.driver.api.NodeSession;

import java.nio.charset.StandardCharsets;

import ru.serce.jnrfuse.LibFuse;
import ru.serce.jnrfuse.struct.FusePollhandle;

/**
 * One open file of the devfs: a node session, or a snapshot of a text file (attribute or metrics) taken at open,
 * so that a reader sees one consistent value however it splits its reads. A node's {@code events} file is taken
 * again by every read from offset 0, and remembers how many lines its node had when it was opened (or so read),
 * so that a {@code poll()} on it reports a line added since (ABI.md 6.2), as sysfs files a reader re-reads do.
 */
final class OpenFile
{
    final NodeSession session;
    /** The node whose {@code events} file this is, or -1. */
    final int eventsMinor;
    /** Event lines the node had when the file was opened, or last read from offset 0. */
    volatile long eventsSeen;
    volatile byte[] text;
    private FusePollhandle pollHandle;
    private boolean released;

    private OpenFile(final NodeSession session, final byte[] text, final int eventsMinor, final long eventsAtOpen)
    {
        this.session = session;
        this.text = text;
        this.eventsMinor = eventsMinor;
        this.eventsSeen = eventsAtOpen;
    }

    /** A node session; whether its reads wait is the file's current {@code O_NONBLOCK}, which each read carries. */
    static OpenFile node(final NodeSession session)
    {
        return new OpenFile(session, null, -1, 0);
    }

    static OpenFile text(final String text)
    {
        return new OpenFile(null, text.getBytes(StandardCharsets.UTF_8), -1, 0);
    }

    /** A node's {@code events} file: its lines now, and how many it ever had. */
    static OpenFile events(final int minor, final String text, final long linesAdded)
    {
        return new OpenFile(null, text.getBytes(StandardCharsets.UTF_8), minor, linesAdded);
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
        else if (session != null)
        {
            session.readyListener(() -> notifyPoll(libFuse));
        }
    }

    /** Wake the kernel's poll on this file (a response is ready, or an event line was added). */
    synchronized void notifyPoll(final LibFuse libFuse)
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
