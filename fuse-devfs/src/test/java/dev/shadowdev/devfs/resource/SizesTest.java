package dev.shadowdev.devfs.resource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SizesTest
{
    @Test
    void shouldParseBinaryUnits()
    {
        assertEquals(8L << 30, Sizes.parse("8GiB"));
        assertEquals(512L << 20, Sizes.parse("512MiB"));
        assertEquals(64L << 10, Sizes.parse("64 KiB"));
        assertEquals(2L << 40, Sizes.parse("2TiB"));
        assertEquals(4096, Sizes.parse("4096B"));
        assertEquals(4096, Sizes.parse("4096"));
    }

    @Test
    void shouldRefuseWhatIsNotASize()
    {
        assertEquals(-1, Sizes.parse("8GB"));
        assertEquals(-1, Sizes.parse("1.5GiB"));
        assertEquals(-1, Sizes.parse("-1"));
        assertEquals(-1, Sizes.parse(""));
        assertEquals(-1, Sizes.parse("9999999999TiB"));
        assertEquals(-1, Sizes.parse("99999999999999999999"));
    }

    @Test
    void shouldFormatTheShortestExactUnit()
    {
        assertEquals("8GiB", Sizes.format(8L << 30));
        assertEquals("1536MiB", Sizes.format(1536L << 20));
        assertEquals("100B", Sizes.format(100));
        assertEquals("0B", Sizes.format(0));
    }

    @Property(tries = 200)
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) final long bytes)
    {
        assertEquals(bytes, Sizes.parse(Sizes.format(bytes)));
    }
}
