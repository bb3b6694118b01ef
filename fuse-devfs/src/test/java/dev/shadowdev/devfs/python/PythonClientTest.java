package dev.shadowdev.devfs.python;

import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Processes;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.PartResizeFlyweight;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Python node client ({@code src/test/python/sdnode.py}) agrees with the Java one, byte for byte. */
class PythonClientTest
{
    private static final Path SCRIPT = Path.of("src", "test", "python", "sdnode.py");

    @Test
    void shouldPassItsSelftest() throws Exception
    {
        final ProcessResult result = python("selftest");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("selftest: 16 passed, 0 failed\n", result.stdout());
    }

    @Test
    void shouldEncodeTheSameBytesAsManageRequest() throws Exception
    {
        final ManageRequest java = new ManageRequest().tag(0xCAFE)
            .passthrough(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })
            .dmaXfer(2, 128, new byte[] { 9, 9, 9 }, 0, 3)
            .activate(2)
            .deactivate(5)
            .status()
            .execute(5, new byte[] { 10, 11 }, 0, 2)
            .partCreate("infer-a", Resources.of(4, 8L << 30, 8, 16, 4))
            .partDestroy(-7, true)
            .partQuery()
            .poolQuery()
            .partBind(3, "/shadowdev.slice/tenant-a", true);

        final ProcessResult result = python("encode-sample");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(HexFormat.of().formatHex(java.toBytes()) + "\n", result.stdout());
    }

    @Test
    void shouldEncodeTheElasticTransactionsAsManageRequestDoes() throws Exception
    {
        final ManageRequest java = new ManageRequest().tag(0xE1A5)
            .partCreate("batch", Resources.of(2, 4L << 30, 4, 8, 2), Resources.of(12, 24L << 30, 24, 48, 12), true)
            .partResize(3, PartResizeFlyweight.FLAG_FORCE | PartResizeFlyweight.FLAG_CLEAR_LEND,
                Resources.of(2, 1L << 30, 0, 0, 1), Resources.of(6, 8L << 30, 8, 16, 4))
            .partDrain(-3, false, 30_000)
            .partDrain(4, true, 0)
            .partQueryEx();

        final ProcessResult result = python("encode-elastic-sample");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(HexFormat.of().formatHex(java.toBytes()) + "\n", result.stdout());
    }

    @Test
    void shouldDecodeAResponseAndRejectATruncatedOne() throws Exception
    {
        final String response = "30000000" + "01000000" + "09000000" + "00000000" +
            "07000000" + "20000000" + "00000000" + "00000000" +
            "03000000" + "00000000" + "0300000000000000";

        final ProcessResult good = python("decode", response);
        assertEquals("{\"count\": 1, \"len\": 48, \"status\": 0, \"tag\": 9, \"transactions\": [{\"core_mask\": 3, " +
            "\"dbc_id\": 3, \"short_mask\": 0, \"status\": 0, \"type\": \"ACTIVATE\"}]}\n", good.stdout(),
            good.describe());

        final ProcessResult bad = python("decode", response.substring(0, 80));
        assertEquals(1, bad.exitCode());
        assertEquals("bad response: len does not match the bytes read: len=48 read=40\n", bad.stderr());
    }

    private static ProcessResult python(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, null, Duration.ofSeconds(30));
    }
}
