package dev.shadowdev.driver.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back a wire trace (ABI.md section 5). */
public final class PcapRecords
{
    /** One record: pseudo-header fields and the message bytes. */
    public record Record(int direction, int kind, int channel, ByteBuffer message)
    {
        public int i32(final int offset)
        {
            return message.getInt(offset);
        }
    }

    private PcapRecords()
    {
    }

    public static List<Record> read(final Path path) throws IOException
    {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4 || b.getInt(20) != 147)
        {
            throw new AssertionError("not a USER0 pcap: magic=" + Integer.toHexString(b.getInt(0)));
        }
        final List<Record> records = new ArrayList<>();
        int at = 24;
        while (at + 16 <= b.limit())
        {
            final int included = b.getInt(at + 8);
            final int pseudo = at + 16;
            final ByteBuffer message = b.slice(pseudo + 8, included - 8).order(ByteOrder.LITTLE_ENDIAN);
            records.add(new Record(b.get(pseudo) & 0xFF, b.get(pseudo + 1) & 0xFF, b.getShort(pseudo + 2) & 0xFFFF,
                message));
            at = pseudo + included;
        }
        return records;
    }
}
