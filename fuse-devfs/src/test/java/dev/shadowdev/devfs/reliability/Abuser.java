package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The abusive neighbour of {@link IsolationIT}, everything through one shadow node: a hoard of open sessions, some
 * of them with the most requests a session may have outstanding (64 PASSTHROUGH of 60 KiB each) never read; two
 * threads flooding 60 KiB PASSTHROUGHs; one uploading images over the 1 MiB limit until E2BIG and activating a
 * workload that needs more than the partition has (ENOSPC); one opening and closing sessions with a request left
 * unread each time. Counts what it did; {@link #stop()} ends it and closes everything.
 */
final class Abuser
{
    static final int HOARDED_SESSIONS = 128;
    static final int UNREAD_SESSIONS = 8;
    private static final int BIG = 60 * 1024;

    private final Path node;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<FileNodeChannel> hoard = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    Abuser(final Path node)
    {
        this.node = node;
    }

    /** Open the hoard and start the threads. */
    Abuser start() throws NodeException
    {
        final ManageRequest big = new ManageRequest().passthrough(new byte[BIG]);
        for (int i = 0; i < HOARDED_SESSIONS; i++)
        {
            final FileNodeChannel channel;
            try
            {
                channel = FileNodeChannel.open(node, true);
            }
            catch (final NodeException ex)
            {
                expect(Errno.EAGAIN, ex);
                count("hoard opens refused past the node's open rate (EAGAIN)");
                continue;
            }
            hoard.add(channel);
            count("sessions hoarded");
            if (i < UNREAD_SESSIONS)
            {
                int written;
                while ((written = channel.write(big.buffer())) == big.length())
                {
                    count("requests left unread");
                }
                if (written != Errno.EAGAIN.status())
                {
                    throw new IllegalStateException("flooding an unread session: write=" + written);
                }
                count("EAGAIN at the outstanding limit");
            }
        }
        thread("flood-1", this::flood);
        thread("flood-2", this::flood);
        thread("oversize", this::oversize);
        thread("churn", this::churn);
        return this;
    }

    /** @return what was done, by kind. */
    Map<String, Long> counts()
    {
        final Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        return snapshot;
    }

    /** @return what went wrong in the abuser's own threads (a refusal it did not expect). */
    List<Throwable> failures()
    {
        synchronized (failures)
        {
            return new ArrayList<>(failures);
        }
    }

    void stop() throws InterruptedException
    {
        running.set(false);
        for (final Thread t : threads)
        {
            t.join(60_000);
        }
        hoard.forEach(FileNodeChannel::close);
        hoard.clear();
    }

    private void flood() throws NodeException
    {
        final byte[] data = new byte[BIG];
        try (NodeClient client = NodeClient.open(node))
        {
            while (running.get())
            {
                client.transact(new ManageRequest().passthrough(data)).requireOk();
                count("60 KiB PASSTHROUGH echoed");
            }
        }
    }

    private void oversize() throws NodeException
    {
        final byte[] huge = new WorkloadImageWriter().name("huge").needs(1, 4L << 20, 0, 0, 1).op(WorkloadOp.ECHO)
            .payload(new byte[(1 << 20) + 4096]).toBytes();
        final byte[] greedy = new WorkloadImageWriter().name("greedy").needs(16, 1 << 20, 32, 64, 16)
            .op(WorkloadOp.ECHO).toBytes();
        try (NodeClient client = NodeClient.open(node))
        {
            final WorkloadRunner runner = new WorkloadRunner(client);
            while (running.get())
            {
                try
                {
                    runner.load(1, huge);
                    throw new IllegalStateException("an image over 1 MiB was accepted");
                }
                catch (final NodeException ex)
                {
                    expect(Errno.E2BIG, ex);
                    count("oversized image refused E2BIG");
                }
                runner.load(2, greedy);
                try
                {
                    runner.activate(2);
                    throw new IllegalStateException("a workload larger than the partition was admitted");
                }
                catch (final NodeException ex)
                {
                    expect(Errno.ENOSPC, ex);
                    count("greedy ACTIVATE refused ENOSPC");
                }
            }
        }
    }

    private void churn() throws NodeException
    {
        final ByteBuffer status = new ManageRequest().tag(1).status().buffer();
        while (running.get())
        {
            final FileNodeChannel channel;
            try
            {
                channel = FileNodeChannel.open(node, true);
            }
            catch (final NodeException ex)
            {
                expect(Errno.EAGAIN, ex);
                count("opens refused past the node's open rate (EAGAIN)");
                continue;
            }
            try (channel)
            {
                channel.write(status.duplicate());
                count("sessions opened and closed with a request unread");
            }
        }
    }

    private void thread(final String name, final Body body)
    {
        final Thread t = new Thread(() ->
        {
            try
            {
                body.run();
            }
            catch (final Throwable ex)
            {
                synchronized (failures)
                {
                    failures.add(ex);
                }
            }
        }, "abuser-" + name);
        threads.add(t);
        t.start();
    }

    private static void expect(final Errno errno, final NodeException ex)
    {
        if (ex.errno() != errno)
        {
            throw new IllegalStateException("expected " + errno + ": " + ex.getMessage(), ex);
        }
    }

    private void count(final String what)
    {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    @FunctionalInterface
    private interface Body
    {
        void run() throws Exception;
    }
}
