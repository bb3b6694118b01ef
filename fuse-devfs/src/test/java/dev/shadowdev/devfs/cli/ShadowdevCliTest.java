package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.cdi.CdiDevice;
import dev.shadowdev.devfs.cdi.CdiSpecWriter;
import dev.shadowdev.devfs.client.NodeChannel;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.daemon.NodeAttributes;
import dev.shadowdev.devfs.daemon.StateStore;
import dev.shadowdev.devfs.testing.FakeCard;
import dev.shadowdev.devfs.up.DevfsMount;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadImageValidator;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowdevCliTest
{
    private static final String CONFIG = String.join("\n",
        "[device]", "profile = \"aic100\"",
        "[[partition]]", "name = \"infer-a\"", "cores = 4", "memory = \"8GiB\"", "dma_channels = 2",
        "[[partition]]", "name = \"batch\"", "cores = 2", "memory = \"2GiB\"", "dma_channels = 1", "mode = \"0600\"",
        "");

    @TempDir
    Path dir;

    private Path mount;
    private Path state;
    private Path config;
    private FakeCard card;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws Exception
    {
        mount = Files.createDirectories(dir.resolve("mnt"));
        state = dir.resolve("state.json");
        config = dir.resolve("partitions.toml");
        Files.writeString(config, CONFIG);
        card = new FakeCard(16, 32L << 30, 32, 64, 16).mirror(mount);
        cli = new CliRunner(card, mount);
    }

    @Test
    void shouldWriteAValidWorkloadImage() throws Exception
    {
        final Path image = dir.resolve("xor.img");

        assertEquals(0, cli.run("image", "--name", "xor", "--cores", "2", "--memory", "1MiB", "--dma-channels", "1",
            "--semaphores", "3", "--op", "xor8", "--op-arg", "0x5a", "--payload-size", "1000", "-o", image.toString()),
            cli.err());

        assertEquals("image: wrote " + image + ": bytes=1128 op=xor8\n", cli.out());
        final byte[] bytes = Files.readAllBytes(image);
        final WorkloadImageDescriptor d = new WorkloadImageDescriptor()
            .wrap(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, bytes.length);
        WorkloadImageValidator.validate(d);
        assertEquals(WorkloadOp.XOR8, d.op());
        assertEquals(0x5a, d.opArg());
        assertEquals(1000, d.payloadLength());
    }

    @Test
    void shouldRefuseBadImageFlagsWithExitTwoAndNoFile()
    {
        final Path image = dir.resolve("bad.img");

        assertEquals(2, cli.run("image", "--name", "big", "--memory", "1000", "--payload-size", "4KiB",
            "-o", image.toString()));
        assertEquals("image: memory smaller than the image: memory=1000 image=4224\n", cli.err());
        assertEquals(2, cli.run("image", "--name", "x", "--op", "sha1", "-o", image.toString()));
        assertEquals("image: unknown op, want echo, crc32c or xor8: op=sha1\n", cli.err());
        assertEquals(2, cli.run("image", "--name", "x", "--cores", "0", "-o", image.toString()));
        assertEquals("image: must be >= 1: cores=0\n", cli.err());
        assertFalse(Files.exists(image));
    }

    @Test
    void shouldApplyAConfigThroughTheBaseNode() throws Exception
    {
        assertEquals(0, cli.run(apply()), cli.err());

        assertEquals(String.join("\n",
            "plan: 2 to create, 0 to destroy, 0 to recreate, 0 to attach, 0 to chmod, 0 unchanged",
            "  create   infer-a cores=4 memory=8GiB bus_replicators=0 semaphores=0 dma_channels=2 mode=0660 uid=0 " +
            "gid=0 minor=any",
            "  create   batch cores=2 memory=2GiB bus_replicators=0 semaphores=0 dma_channels=1 mode=0600 uid=0 " +
            "gid=0 minor=any",
            "apply: ok: 2 changes",
            ""), cli.out());
        assertEquals(Map.of(0, -1, 1, 1, 2, 2), card.nodes());
        assertEquals("rw-------", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(mount.resolve("accel/accel2"))));
        assertEquals("rw-rw----", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(mount.resolve("accel/accel1"))));
        assertTrue(Files.readString(state).contains("\"name\" : \"batch\""));

        assertEquals(0, cli.run(apply()));
        assertTrue(cli.out().endsWith("apply: nothing to do\n"), cli.out());
    }

    @Test
    void shouldRefuseToDestroyABusyPartitionAndChangeNothing() throws Exception
    {
        assertEquals(0, cli.run(apply()));
        final Path image = dir.resolve("echo.img");
        assertEquals(0, cli.run("image", "--name", "e", "-o", image.toString()));
        final WorkloadRunner runner = new WorkloadRunner(new NodeClient(card.open(2)));
        runner.load(0, Files.readAllBytes(image));
        runner.activate(0);
        Files.writeString(config, CONFIG.substring(0, CONFIG.indexOf("[[partition]]\nname = \"batch\"")));
        final String before = Files.readString(state);

        assertEquals(1, cli.run(apply()));

        assertTrue(cli.out().endsWith("refused: destroy batch: partition has active workloads (--force to destroy " +
            "anyway): id=2 active=1\n"), cli.out());
        assertEquals("apply: refused, nothing changed\n", cli.err());
        assertEquals(before, Files.readString(state));
        assertEquals(1, card.partition(2).active());

        final List<String> args = new ArrayList<>(List.of(apply()));
        args.add("--force");
        assertEquals(0, cli.run(args.toArray(new String[0])), cli.err());
        assertEquals(Map.of(0, -1, 1, 1), card.nodes());
        assertFalse(Files.exists(mount.resolve("by-name/batch")));
    }

    @Test
    void shouldRejectABadConfigWithExitTwoBeforeTouchingTheNode() throws Exception
    {
        Files.writeString(config, CONFIG.replace("cores = 4", "cores = 0"));

        assertEquals(2, cli.run(apply()));

        assertEquals(config + ":5: partition[0].cores: must be >= 1: cores=0\n", cli.err());
        assertEquals(Map.of(0, -1), card.nodes());
    }

    @Test
    void shouldListInfoRunAndDescribeTheNodes() throws Exception
    {
        assertEquals(0, cli.run(apply()));

        assertEquals(0, cli.run("ls", "--mount", mount.toString()));
        assertEquals(String.join("\n",
            "MINOR    DEV         PARTITION NAME                             NODE",
            "0        261:0       -1        (base)                           " + mount.resolve("accel/accel0"),
            "1        261:1       1         infer-a                          " + mount.resolve("accel/accel1"),
            "2        261:2       2         batch                            " + mount.resolve("accel/accel2"),
            ""), cli.out());

        assertEquals(0, cli.run("info", "infer-a", "--mount", mount.toString()), cli.err());
        assertEquals(String.join("\n",
            "node:       " + mount.resolve("by-name/infer-a"),
            "name:       infer-a",
            "partition:  1",
            "dev:        261:1",
            "flags:      shadow,online",
            "total:      cores=4 memory=8GiB bus_replicators=0 semaphores=0 dma_channels=2",
            "free:       cores=4 memory=8GiB bus_replicators=0 semaphores=0 dma_channels=2",
            "workloads:  0",
            "used:       cores=0 memory=0B bus_replicators=0 semaphores=0 dma_channels=0",
            ""), cli.out());

        final Path image = dir.resolve("crc.img");
        final Path input = dir.resolve("input.bin");
        Files.write(input, "123456789".getBytes());
        assertEquals(0, cli.run("image", "--name", "crc", "--op", "crc32c", "--cores", "2", "--payload-size",
            "200KiB", "-o", image.toString()));
        assertEquals(0, cli.run("run", "accel1", "--mount", mount.toString(), "--image", image.toString(),
            "--input", input.toString()), cli.err());
        final CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes());
        assertEquals(String.format("%08x", Integer.reverseBytes((int)crc.getValue())) + "\n", cli.out());
        assertEquals("run: " + mount.resolve("accel/accel1") + ": loaded in 4 message(s), dbc=0 cores=0,1 " +
            "output=4 bytes\n", cli.err());
    }

    @Test
    void shouldReportRunFailuresWithTheShortResources() throws Exception
    {
        assertEquals(0, cli.run(apply()));
        final Path image = dir.resolve("big.img");
        final Path input = dir.resolve("input.bin");
        Files.write(input, new byte[8]);
        assertEquals(0, cli.run("image", "--name", "big", "--cores", "3", "-o", image.toString()));

        assertEquals(1, cli.run("run", "batch", "--mount", mount.toString(), "--image", image.toString(),
            "--input", input.toString()));

        assertEquals("run: ACTIVATE: status=ENOSPC index=0 short=cores\n", cli.err());
        assertEquals(1, cli.run("info", "nothing", "--mount", mount.toString()));
        assertEquals("info: open: status=ENOENT path=" + mount.resolve("by-name/nothing") + "\n", cli.err());
    }

    @Test
    void shouldWriteCdiSpecsFromTheTreeOrTheState() throws Exception
    {
        assertEquals(0, cli.run(apply()));

        assertEquals(0, cli.run("cdi", "--mount", mount.toString(), "-o", "-"));
        assertEquals(CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND, List.of(
            new CdiDevice("batch", mount.resolve("accel/accel2").toAbsolutePath()),
            new CdiDevice("infer-a", mount.resolve("accel/accel1").toAbsolutePath()))), cli.out());

        final Path spec = dir.resolve("cdi/shadowdev.json");
        assertEquals(0, cli.run("cdi", "--mount", mount.toString(), "--state", state.toString(), "-o",
            spec.toString()));
        assertEquals("cdi: wrote " + spec + ": devices=2 kind=shadowdev.dev/accel\n", cli.out());
        assertEquals(CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND, List.of(
            new CdiDevice("infer-a", mount.resolve("accel/accel1").toAbsolutePath()),
            new CdiDevice("batch", mount.resolve("accel/accel2").toAbsolutePath()))), Files.readString(spec));

        assertEquals(2, cli.run("cdi", "--mount", dir.resolve("empty").toString(), "-o", "-", "--kind", "x"));
        assertEquals("cdi: bad kind, want vendor/class: kind=x\n", cli.err());
    }

    @Test
    void everyCommandsHelpListsAnExample()
    {
        assertEquals(0, cli.run("--help"));
        assertTrue(cli.out().contains("Examples:\n  shadowdev up "), cli.out());
        for (final String command : List.of("up", "apply", "ls", "info", "run", "image", "cdi", "bind"))
        {
            assertEquals(0, cli.run(command, "--help"), command);
            assertTrue(cli.out().contains("Example:\n  shadowdev " + command), cli.out());
        }
    }

    @Test
    void shouldSayUpNeedsTheFilesystemWhenNoMounterIsThere()
    {
        assertEquals(2, cli.run("up", "--mount", mount.toString()));
        assertEquals("up: the filesystem is not available in this CLI: no DevfsMounter was wired (run shadowdev.jar, " +
            "whose entry point wires one)\n", cli.err());
    }

    @Test
    void shouldBringUpTheDefaultConfigThroughAMounter() throws Exception
    {
        final List<String> calls = new ArrayList<>();
        fakeMounter(calls);

        assertEquals(0, cli.run("up", "--mount", mount.toString(), "--state", state.toString(), "--cdi",
            dir.resolve("cdi.json").toString()), cli.err());

        assertEquals(List.of("mount " + mount + " 4", "chmod 1 0660", "chmod 2 0660", "chmod 3 0660",
            "chmod 4 0660", "await", "close"), calls);
        assertEquals(Map.of(0, -1, 1, 1, 2, 2, 3, 3, 4, 4), card.nodes());
        assertTrue(cli.out().endsWith("up: wrote " + dir.resolve("cdi.json") + "\nup: mounted at " + mount +
            "; Ctrl-C to stop\n"), cli.out());
    }

    @Test
    void aDamagedStateFileStopsUpWithTheFieldAndHowToStartFromTheConfig() throws Exception
    {
        final List<String> calls = new ArrayList<>();
        fakeMounter(calls);
        Files.writeString(state, "{\"version\":1,");

        assertEquals(1, cli.run("up", "--mount", mount.toString(), "--state", state.toString()));
        assertTrue(cli.err().contains("apply: " + state + ": bad state: not JSON: "), cli.err());
        assertTrue(cli.err().contains("apply: the state file is damaged; to start from the config alone, move it " +
            "aside: mv " + state + " " + state + ".bad\n"), cli.err());
        assertEquals("{\"version\":1,", Files.readString(state), "left as it was");
        assertEquals(Map.of(0, -1), card.nodes(), "no partition made");

        // apply, against a card that has partitions, is not told to drop the file.
        assertEquals(1, cli.run(apply()));
        assertFalse(cli.err().contains("move it aside"), cli.err());
    }

    /** Wire a mounter whose mount is this test's card, recording what {@code up} does with it in {@code calls}. */
    private void fakeMounter(final List<String> calls)
    {
        cli.mounter((options) ->
        {
            calls.add("mount " + options.mountPoint() + " " + options.config().partitions().size());
            return new DevfsMount()
            {
                @Override
                public Path mountPoint()
                {
                    return mount;
                }

                @Override
                public NodeAccess nodes()
                {
                    // The CLI only registers its reset listener here; this card never resets.
                    return new NodeAccess()
                    {
                        public java.util.List<dev.shadowdev.driver.api.NodeView> nodes()
                        {
                            return java.util.List.of();
                        }

                        public void addListener(final dev.shadowdev.driver.api.NodeListener listener)
                        {
                        }

                        public void removeListener(final dev.shadowdev.driver.api.NodeListener listener)
                        {
                        }

                        public dev.shadowdev.driver.api.OpenResult open(final int minor)
                        {
                            return dev.shadowdev.driver.api.OpenResult.refused(-dev.shadowdev.abi.Errno.ENODEV.value());
                        }

                        public dev.shadowdev.driver.api.NodeUsage usage(final int minor)
                        {
                            return null;
                        }
                    };
                }

                @Override
                public NodeChannel openBase()
                {
                    return card.open(0);
                }

                @Override
                public NodeAttributes nodeAttributes()
                {
                    return (minor, mode) -> calls.add("chmod " + minor + " " + mode.octal());
                }

                @Override
                public void awaitUnmount()
                {
                    calls.add("await");
                }

                @Override
                public void close()
                {
                    calls.add("close");
                }
            };
        });
    }

    @Test
    void shouldBindAndUnbindACgroupAndRecordItInTheState() throws Exception
    {
        assertEquals(0, cli.run(apply()));

        assertEquals(0, cli.run(bind("batch", "/shadowdev.slice/tenant-b")), cli.err());
        assertEquals("bind: batch /shadowdev.slice/tenant-b (id=2)\n", cli.out());
        assertEquals(Map.of("/shadowdev.slice/tenant-b", 2), card.bindings());
        assertEquals("/shadowdev.slice/tenant-b batch 2\n", Files.readString(mount.resolve("cgroups")));
        assertEquals(List.of("/shadowdev.slice/tenant-b"), new StateStore(state).load().find("batch").cgroups());

        assertEquals(0, cli.run(bind("batch", "/shadowdev.slice/tenant-b")), cli.err());
        assertEquals(Map.of("/shadowdev.slice/tenant-b", 2), card.bindings());

        assertEquals(0, cli.run(bind("batch", "/shadowdev.slice/tenant-b", "--unbind")), cli.err());
        assertEquals("unbind: batch /shadowdev.slice/tenant-b (id=2)\n", cli.out());
        assertEquals(Map.of(), card.bindings());
        assertEquals(List.of(), new StateStore(state).load().find("batch").cgroups());
    }

    @Test
    void shouldRefuseBadBindsNamingTheErrnoAndChangeNothing() throws Exception
    {
        assertEquals(0, cli.run(apply()));
        assertEquals(0, cli.run(bind("batch", "/t/b")));
        final String before = Files.readString(state);

        assertEquals(2, cli.run(bind("batch", "t/b")));
        assertEquals("bind: cgroup path not absolute: path=t/b\n", cli.err());
        assertEquals(2, cli.run(bind("batch", "/t/../b")));
        assertEquals("bind: cgroup path has a . or .. component: path=/t/../b\n", cli.err());
        assertEquals(1, cli.run(bind("nothing", "/t/n")));
        assertEquals("bind: no such partition: name=nothing\n", cli.err());
        assertEquals(1, cli.run(bind("infer-a", "/t/b")));
        assertEquals("bind: PART_BIND: status=EEXIST index=0 (the path is bound to another partition: owner=batch; " +
            "unbind it there first): name=infer-a path=/t/b\n", cli.err());
        assertEquals(1, cli.run(bind("infer-a", "/t/b", "--unbind")));
        assertEquals("unbind: PART_BIND: status=ENOENT index=0 (the path is not bound to this partition): " +
            "name=infer-a path=/t/b\n", cli.err());

        assertEquals(Map.of("/t/b", 2), card.bindings());
        assertEquals(before, Files.readString(state));
    }

    @Test
    void shouldBindAPartitionTheDaemonDidNotMakeAndSaySoWithoutARecord() throws Exception
    {
        assertEquals(0, cli.run(apply()));
        Files.delete(state);

        assertEquals(0, cli.run(bind("batch", "/t/b")), cli.err());

        assertEquals("bind: the daemon's state has no such partition, so a rebuild after a reset will not restore " +
            "this: name=batch id=2 state=" + state + "\n", cli.err());
        assertEquals(Map.of("/t/b", 2), card.bindings());
        assertFalse(Files.exists(state));
    }

    @Test
    void shouldApplyCgroupsAndNodelessPartitionsAndListThem() throws Exception
    {
        card.withCgroupNode(7);
        Files.writeString(config, CONFIG + String.join("\n",
            "cgroups = [\"/t/batch\"]",
            "[[partition]]", "name = \"hidden\"", "cores = 1", "memory = \"1GiB\"", "dma_channels = 1",
            "node = false", "cgroups = [\"/t/h1\", \"/t/h2\"]", ""));

        assertEquals(0, cli.run(apply()), cli.err());
        assertEquals(String.join("\n",
            "plan: 3 to create, 0 to destroy, 0 to recreate, 0 to attach, 0 to chmod, 3 to bind, 0 unchanged",
            "  create   infer-a cores=4 memory=8GiB bus_replicators=0 semaphores=0 dma_channels=2 mode=0660 uid=0 " +
            "gid=0 minor=any",
            "  create   batch cores=2 memory=2GiB bus_replicators=0 semaphores=0 dma_channels=1 mode=0600 uid=0 " +
            "gid=0 minor=any",
            "  create   hidden cores=1 memory=1GiB bus_replicators=0 semaphores=0 dma_channels=1 minor=none",
            "  bind     batch /t/batch",
            "  bind     hidden /t/h1",
            "  bind     hidden /t/h2",
            "apply: ok: 6 changes",
            ""), cli.out());
        assertEquals(Map.of(0, -1, 1, 1, 2, 2), card.nodes());

        assertEquals(0, cli.run("ls", "--mount", mount.toString()), cli.err());
        assertEquals(String.join("\n",
            "MINOR    DEV         PARTITION NAME                             NODE",
            "0        261:0       -1        (base)                           " + mount.resolve("accel/accel0"),
            "1        261:1       1         infer-a                          " + mount.resolve("accel/accel1"),
            "2        261:2       2         batch                            " + mount.resolve("accel/accel2"),
            "         cgroups:   /t/batch",
            "7        261:7       cgroup    (cgroup)                         " + mount.resolve("accel/cgroup"),
            "-        -           3         hidden                           (cgroup only)",
            "         cgroups:   /t/h1 /t/h2",
            ""), cli.out());

        assertEquals(0, cli.run(apply()));
        assertTrue(cli.out().endsWith("apply: nothing to do\n"), cli.out());
    }

    @Test
    void shouldEmitTheCgroupDeviceWhenTheSharedNodeExists() throws Exception
    {
        Files.writeString(config, CONFIG.replace("mode = \"0600\"", "node = false\ncgroups = [\"/t/b\"]"));
        assertEquals(0, cli.run(apply()), cli.err());

        assertEquals(0, cli.run("cdi", "--mount", mount.toString(), "-o", "-"));
        assertEquals(CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND, List.of(
            new CdiDevice("infer-a", mount.resolve("accel/accel1").toAbsolutePath()))), cli.out());

        card.withCgroupNode(9);
        final List<CdiDevice> withShared = List.of(
            new CdiDevice("infer-a", mount.resolve("accel/accel1").toAbsolutePath()),
            new CdiDevice("cgroup", mount.resolve("accel/cgroup").toAbsolutePath()));
        assertEquals(0, cli.run("cdi", "--mount", mount.toString(), "-o", "-"));
        assertEquals(CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND, withShared), cli.out());
        assertEquals(0, cli.run("cdi", "--mount", mount.toString(), "--state", state.toString(), "-o", "-"));
        assertEquals(CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND, withShared), cli.out());
        assertTrue(cli.out().contains("\"hostPath\" : \"" + mount.toAbsolutePath().resolve("accel/cgroup") + "\""));
    }

    private String[] bind(final String... args)
    {
        final List<String> list = new ArrayList<>(List.of("bind"));
        list.addAll(List.of(args));
        list.addAll(List.of("--mount", mount.toString(), "--state", state.toString()));
        return list.toArray(new String[0]);
    }

    private String[] apply()
    {
        return new String[] { "apply", "--config", config.toString(), "--mount", mount.toString(), "--state",
            state.toString() };
    }
}
