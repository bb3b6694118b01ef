package dev.shadowdev.devfs.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TomlKeyLinesTest
{
    @Test
    void shouldPlaceTheStringElementsOfAnArrayOnTheirLines()
    {
        final TomlKeyLines lines = new TomlKeyLines(String.join("\n",
            "[[partition]]",                        // 1
            "cgroups = [\"/a\", '/b', # \"/no\"",   // 2
            "  \"/c,]\\\"\",",                      // 3
            "  [\"/nested\"],",                      // 4
            "  \"/d\"]",                             // 5
            "after = [\"/x\"]"));                    // 6

        assertEquals(2, lines.lineOf("partition[0].cgroups[0]"));
        assertEquals(2, lines.lineOf("partition[0].cgroups[1]"));
        assertEquals(3, lines.lineOf("partition[0].cgroups[2]"));
        assertEquals(5, lines.lineOf("partition[0].cgroups[3]"));
        assertEquals(2, lines.lineOf("partition[0].cgroups[4]"));
        assertEquals(6, lines.lineOf("partition[0].after[0]"));
    }

    @Test
    void shouldPlaceKeysUnderTheirTablesAndArrayElements()
    {
        final TomlKeyLines lines = new TomlKeyLines(String.join("\n",
            "# comment = 1",            // 1
            "top = 1",                  // 2
            "[device]",                 // 3
            "  \"profile\" = 'x' # c",  // 4
            "[device.capacity]",        // 5
            "cores = 1",                // 6
            "[[partition]]",            // 7
            "name = \"a\"",             // 8
            "list = [",                 // 9
            "  1,",                     // 10
            "  fake = 2,",              // 11
            "]",                        // 12
            "text = \"\"\"",            // 13
            "ghost = 3",                // 14
            "\"\"\"",                   // 15
            "[[partition]]",            // 16
            "a.b = 1"));                // 17

        assertEquals(2, lines.lineOf("top"));
        assertEquals(3, lines.lineOf("device"));
        assertEquals(4, lines.lineOf("device.profile"));
        assertEquals(6, lines.lineOf("device.capacity.cores"));
        assertEquals(5, lines.lineOf("device.capacity.memory"));
        assertEquals(8, lines.lineOf("partition[0].name"));
        assertEquals(7, lines.lineOf("partition[0].fake"));
        assertEquals(7, lines.lineOf("partition[0].ghost"));
        assertEquals(16, lines.lineOf("partition[1].cores"));
        assertEquals(17, lines.lineOf("partition[1].a.b"));
        // An element the text does not have falls back to the array itself, at its first header.
        assertEquals(7, lines.lineOf("partition[2].cores"));
        assertEquals(0, lines.lineOf("nothing"));
    }
}
