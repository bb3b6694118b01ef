package dev.shadowdev.driver.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real tshark must read the trace. This test fails, never skips, when tshark is missing:
 * {@code scripts/setup-host} installs it.
 */
class PcapTraceTsharkTest
{
    @TempDir
    Path dir;

    @Test
    void tsharkListsEveryRecordWithItsLength() throws IOException, InterruptedException
    {
        final Path file = dir.resolve("tshark.pcap");
        final ByteBuffer src = ByteBuffer.allocate(PcapHeaderDescriptor.SNAPLEN + 8);
        try (PcapTraceWriter writer = PcapTraceWriter.open(file))
        {
            writer.record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE, TracePseudoHeaderDescriptor.KIND_CONTROL,
                10, src, 0, 32);
            writer.record(TracePseudoHeaderDescriptor.DEVICE_TO_HOST, TracePseudoHeaderDescriptor.KIND_CONTROL,
                11, src, 0, 0);
            writer.record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE, TracePseudoHeaderDescriptor.KIND_DBC_REQUEST,
                3, src, 0, 64);
            writer.record(TracePseudoHeaderDescriptor.DEVICE_TO_HOST, TracePseudoHeaderDescriptor.KIND_DBC_RESPONSE,
                3, src, 0, 4);
            writer.record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE, TracePseudoHeaderDescriptor.KIND_CONTROL,
                10, src, 0, PcapHeaderDescriptor.SNAPLEN);
        }

        final List<String> lines = tshark(file, "frame.len", "frame.cap_len");

        assertEquals(List.of(
            "40\t40",
            "8\t8",
            "72\t72",
            "12\t12",
            "262152\t262144"), lines);
    }

    private static List<String> tshark(final Path file, final String... fields)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields"));
        for (final String field : fields)
        {
            command.add("-e");
            command.add(field);
        }
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        }
        catch (final IOException ex)
        {
            return fail("tshark not runnable, install it with scripts/setup-host: error=" + ex.getMessage());
        }
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tshark timed out: file=" + file);
        assertEquals(0, process.exitValue(), "tshark exit: output=" + out);
        return out.lines().toList();
    }
}
