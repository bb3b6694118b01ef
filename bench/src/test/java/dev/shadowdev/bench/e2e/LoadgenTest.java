package dev.shadowdev.bench.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoadgenTest
{
    private static final Path BINARY = Path.of("/opt/bench/loadgen");
    private static final List<Path> NODES = List.of(Path.of("/mnt/a"), Path.of("/mnt/b"));

    @Test
    void aPlainCommandStartsWithTheBinary()
    {
        assertEquals(List.of("/opt/bench/loadgen", "openclose", "--node", "/mnt/a,/mnt/b", "--sessions", "4",
                "--size", "0", "--warmup-ms", "500", "--measure-ms", "1000"),
            new Loadgen(BINARY).command("openclose", NODES, 4, 0, 500, 1000));
    }

    @Test
    void withinACgroupShJoinsItThenExecsTheSameCommand()
    {
        final Path procs = Path.of("/sys/fs/cgroup/unified/x/client/cgroup.procs");
        assertEquals(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", procs.toString(),
                "/opt/bench/loadgen", "openclose", "--node", "/mnt/a", "--sessions", "1", "--size", "0",
                "--warmup-ms", "0", "--measure-ms", "750"),
            new Loadgen(BINARY).within(procs).command("openclose", NODES.subList(0, 1), 1, 0, 0, 750));
    }
}
