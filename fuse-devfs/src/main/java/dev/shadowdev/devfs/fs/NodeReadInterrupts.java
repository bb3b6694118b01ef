package dev.shadowdev.devfs.fs;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node reads the FUSE workers are serving, so that the kernel's {@code FUSE_INTERRUPT} of one (its caller got a
 * signal) ends that read's wait for a response: the read is answered EINTR and the response, when it comes, stays
 * queued for the next read. Without it a read waiting for the card could not be interrupted, nor its process killed
 * (the kernel waits for a request it has sent), until the card answered or the driver's timeout ended the request.
 * <p>
 * One {@link Reader} per worker, registered for the worker's life; the worker marks the read it serves
 * ({@link Reader#begin}, {@link Reader#end}), and any worker that receives an interrupt calls {@link #interrupt}. The
 * wait is ended by interrupting the worker's thread (the driver's waits answer an interrupt at once), only between
 * {@code begin} and {@code end} and under the reader's lock, and {@code end} clears the thread's interrupt status, so
 * no interrupt outlives the read it was for.
 * <p>
 * The kernel may send the interrupt as soon as a worker has received the READ, before that worker marks it: so the
 * last {@link #RECENT} interrupts are kept, and a worker about to wait for a response ({@link Reader#beforeWait}, its
 * blocking hook) looks there for its read first. Either the interrupter sees the read marked or the reader sees the
 * interrupt kept (each writes its side before it reads the other's, under locks), so none is lost.
 */
final class NodeReadInterrupts
{
    /** Interrupts kept for a read not marked yet: more than the workers that can be between receive and mark. */
    static final int RECENT = 16;

    private final CopyOnWriteArrayList<Reader> readers = new CopyOnWriteArrayList<>();
    /** The last interrupts that no marked read took, 0 for none; guarded by itself. */
    private final long[] recent = new long[RECENT];
    private int nextRecent;

    /** @return the calling worker's reader, registered until {@link #unregister}. */
    Reader register()
    {
        final Reader reader = new Reader(Thread.currentThread());
        readers.add(reader);
        return reader;
    }

    void unregister(final Reader reader)
    {
        readers.remove(reader);
    }

    /**
     * The kernel interrupts the request {@code unique}.
     *
     * @return true when it is a node read being served (its wait is ended); false otherwise (nothing done).
     */
    boolean interrupt(final long unique)
    {
        synchronized (recent)
        {
            recent[nextRecent] = unique;
            nextRecent = (nextRecent + 1) % RECENT;
        }
        for (final Reader reader : readers)
        {
            if (reader.interrupt(unique))
            {
                takeRecent(unique);
                return true;
            }
        }
        return false;
    }

    /** @return true when {@code unique} was kept (it is not any more). */
    private boolean takeRecent(final long unique)
    {
        synchronized (recent)
        {
            for (int i = 0; i < RECENT; i++)
            {
                if (recent[i] == unique)
                {
                    recent[i] = 0;
                    return true;
                }
            }
            return false;
        }
    }

    /** One worker's node read in progress. */
    final class Reader
    {
        private final Thread thread;
        private long serving;
        private boolean interrupted;

        private Reader(final Thread thread)
        {
            this.thread = thread;
        }

        /** The worker starts serving the node read {@code unique}. */
        synchronized void begin(final long unique)
        {
            serving = unique;
            interrupted = false;
        }

        synchronized boolean interrupt(final long unique)
        {
            if (serving == 0 || serving != unique)
            {
                return false;
            }
            if (!interrupted)
            {
                interrupted = true;
                thread.interrupt();
            }
            return true;
        }

        /**
         * The worker is about to wait (its blocking hook, on its thread): when its read's interrupt came before the
         * read was marked, it is taken now, and the wait ends at once.
         */
        void beforeWait()
        {
            final long unique;
            synchronized (this)
            {
                unique = serving;
            }
            if (unique != 0 && takeRecent(unique))
            {
                interrupt(unique);
            }
        }

        /**
         * The worker is done with its read: called on the worker's thread.
         *
         * @return true when the read was interrupted (its thread's interrupt status is cleared).
         */
        synchronized boolean end()
        {
            serving = 0;
            final boolean was = interrupted;
            interrupted = false;
            if (was)
            {
                Thread.interrupted();
            }
            return was;
        }
    }
}
