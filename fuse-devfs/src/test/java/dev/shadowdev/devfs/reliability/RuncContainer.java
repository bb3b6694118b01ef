package dev.shadowdev.devfs.reliability;

import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Processes;
import dev.shadowdev.devfs.it.support.Runc;
import dev.shadowdev.devfs.it.support.RuncBundle;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One container under {@code runc run} in the foreground that a test talks to while it runs, where
 * {@link dev.shadowdev.devfs.it.support.Runc#run} only waits for the end: the container's stdout arrives line by
 * line ({@link #awaitLine}, the container's "ready" signal), a line written to its stdin is its "go" signal
 * ({@link #send}), and {@link #kill} is {@code runc kill}. {@link #close} always kills what is left
 * ({@code runc delete --force}), ends {@code runc run} and deletes the bundle.
 */
public final class RuncContainer implements AutoCloseable
{
    private static final Duration RUNC_TIMEOUT = Duration.ofSeconds(30);
    private static final Optional<String> EOF = Optional.empty();

    private final String id;
    private final RuncBundle bundle;
    private final Process runc;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final List<String> stdout = new ArrayList<>();
    private final CountDownLatch stdoutClosed = new CountDownLatch(1);
    private final CompletableFuture<String> stderr;

    private RuncContainer(final String id, final RuncBundle bundle, final Process runc)
    {
        this.id = id;
        this.bundle = bundle;
        this.runc = runc;
        this.stdin = runc.getOutputStream();
        this.stderr = drain(runc.getErrorStream());
        final Thread reader = new Thread(this::readLines, "stdout-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** @return true when runc is installed: the container tests need it, as every container test does. */
    static boolean runcInstalled()
    {
        return Processes.onPath("runc");
    }

    /**
     * What every container test starts from: skipped without runc, else {@code dir/work} with the {@code sdnode.py}
     * client in it (the containers see it at {@code /work}); the test adds its programs and images.
     *
     * @return the work directory.
     */
    static Path workWithClient(final Path dir) throws IOException
    {
        assumeTrue(runcInstalled(), "runc is not installed (scripts/setup-host installs it)");
        final Path work = Files.createDirectories(dir.resolve("work"));
        Files.copy(ClientKillIT.sdnode(), work.resolve("sdnode.py"));
        return work;
    }

    /**
     * {@code runc run --bundle DIR ID} with piped stdin, stdout and stderr.
     *
     * @param bundle a written bundle; deleted by {@link #close}.
     * @param id     the container ID.
     */
    public static RuncContainer start(final RuncBundle bundle, final String id) throws IOException
    {
        final Process runc = new ProcessBuilder("runc", "run", "--bundle", bundle.dir().toString(), id)
            .directory(bundle.dir().toFile()).start();
        return new RuncContainer(id, bundle, runc);
    }

    /**
     * A Python program in a container, as the reliability tests run them: {@code /usr/bin/python3 -B /work/ARGV...}
     * on the bundle's rootfs with the host's {@code /usr} read-only (python3 and its libraries; {@code lib} and
     * {@code lib64} link into it), {@code work} read-only at {@code /work} and {@code node} bound at
     * {@code /dev/accel/accel0}. A bundle that never becomes a container is deleted again.
     *
     * @param bundles where the bundle directory goes.
     * @param work    the host directory with the program, {@code sdnode.py} and the program's files.
     * @param node    the node file.
     * @param argv    the program under {@code /work} and its arguments.
     */
    static RuncContainer startPython(final Path bundles, final Path work, final Path node, final String... argv)
        throws Exception
    {
        final String id = Runc.newId();
        final Path bundleDir = bundles.resolve("bundle-" + id);
        try
        {
            final RuncBundle bundle = RuncBundle.create(bundleDir);
            final Path rootfs = bundle.dir().resolve("rootfs");
            Files.createDirectories(rootfs.resolve("usr"));
            Files.createDirectories(rootfs.resolve("work"));
            Files.createDirectories(rootfs.resolve("dev/accel"));
            for (final String lib : List.of("lib", "lib64"))
            {
                if (!Files.exists(rootfs.resolve(lib), LinkOption.NOFOLLOW_LINKS))
                {
                    Files.createSymbolicLink(rootfs.resolve(lib), Path.of("usr/" + lib));
                }
            }
            final List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-B", "/work/" + argv[0]));
            command.addAll(List.of(argv).subList(1, argv.length));
            bundle.bind(node, "/dev/accel/accel0")
                .bindReadOnly(Path.of("/usr"), "/usr")
                .bindReadOnly(work, "/work")
                .args(command.toArray(String[]::new))
                .write();
            return start(bundle, id);
        }
        catch (final Exception | Error ex)
        {
            deleteTree(bundleDir);
            throw ex;
        }
    }

    public String id()
    {
        return id;
    }

    /**
     * @return the container's next stdout line that starts with {@code prefix}, waiting at most {@code within};
     * lines before it are kept for {@link #describe}.
     * @throws AssertionError when the container ends or the time is up first, naming what it printed.
     */
    public String awaitLine(final String prefix, final Duration within) throws InterruptedException
    {
        final long deadline = System.nanoTime() + within.toNanos();
        while (true)
        {
            final long left = deadline - System.nanoTime();
            final Optional<String> line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null)
            {
                throw new AssertionError("container " + id + ": no line starting with '" + prefix + "' within " +
                    within.toMillis() + " ms: " + describe());
            }
            if (line.isEmpty())
            {
                lines.add(EOF);
                throw new AssertionError("container " + id + " ended before a line starting with '" + prefix +
                    "': " + awaitExitQuietly() + " " + describe());
            }
            if (line.get().startsWith(prefix))
            {
                return line.get();
            }
        }
    }

    /** Write {@code line} and a newline to the container's stdin. */
    public void send(final String line) throws IOException
    {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** {@code runc kill ID SIGNAL}: the signal to the container's first process (its PID 1). */
    void kill(final String signal) throws IOException
    {
        final ProcessResult kill = Processes.run(List.of("runc", "kill", id, signal), bundle.dir(), RUNC_TIMEOUT);
        if (kill.exitCode() != 0)
        {
            throw new AssertionError("runc kill " + id + " " + signal + " failed: " + kill.describe());
        }
    }

    /**
     * @return the exit status of {@code runc run}: the container process's own, or 128 + the signal that ended it.
     * @throws AssertionError when it is still running after {@code within}.
     */
    public int awaitExit(final Duration within) throws InterruptedException
    {
        if (!runc.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("container " + id + " still running after " + within.toMillis() + " ms: " +
                describe());
        }
        return runc.exitValue();
    }

    /** @return every stdout line so far (once {@code runc run} has ended: all of them), in order. */
    public List<String> stdout() throws InterruptedException
    {
        if (!runc.isAlive())
        {
            stdoutClosed.await(10, TimeUnit.SECONDS);
        }
        synchronized (stdout)
        {
            return List.copyOf(stdout);
        }
    }

    /** @return what the container printed so far, for assertion messages. */
    public String describe()
    {
        final List<String> out;
        synchronized (stdout)
        {
            out = List.copyOf(stdout);
        }
        return "stdout=" + out + " stderr=[" + (stderr.isDone() ? stderr.join().strip() : "(running)") + "]";
    }

    private String awaitExitQuietly()
    {
        try
        {
            return runc.waitFor(5, TimeUnit.SECONDS) ? "exit=" + runc.exitValue() : "(still running)";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private void readLines()
    {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(runc.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            for (String l = in.readLine(); l != null; l = in.readLine())
            {
                synchronized (stdout)
                {
                    stdout.add(l);
                }
                lines.add(Optional.of(l));
            }
        }
        catch (final IOException ex)
        {
            lines.add(Optional.of("(stdout failed: " + ex + ")"));
        }
        finally
        {
            stdoutClosed.countDown();
            lines.add(EOF);
        }
    }

    private static CompletableFuture<String> drain(final InputStream in)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try (in)
            {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /** {@code runc delete --force} (kills a container still running), then end {@code runc run}, delete the bundle. */
    @Override
    public void close() throws IOException
    {
        try
        {
            final ProcessResult delete = Processes.run(List.of("runc", "delete", "--force", id), bundle.dir(),
                RUNC_TIMEOUT);
            endRunc();
            final ProcessResult state = Processes.run(List.of("runc", "state", id), bundle.dir(), RUNC_TIMEOUT);
            if (state.exitCode() == 0)
            {
                throw new IOException("container " + id + " left behind: delete: " + delete.describe() + " state: " +
                    state.describe());
            }
        }
        finally
        {
            try
            {
                stdin.close();
            }
            catch (final IOException ex)
            {
                // runc run is gone and its stdin pipe with it: nothing left to close.
            }
            deleteTree(bundle.dir());
        }
    }

    /** Wait for {@code runc run} to end after the delete, or kill it. */
    private void endRunc()
    {
        try
        {
            if (!runc.waitFor(10, TimeUnit.SECONDS))
            {
                runc.descendants().forEach(ProcessHandle::destroyForcibly);
                runc.destroyForcibly();
                runc.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            runc.descendants().forEach(ProcessHandle::destroyForcibly);
            runc.destroyForcibly();
        }
    }

    /** Delete a bundle directory: its files and the symlinks in it, never what they point to. */
    private static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}
