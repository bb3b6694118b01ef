package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateStoreTest
{
    @TempDir
    Path dir;

    private static final DaemonState STATE = new DaemonState(List.of(
        new PartitionRecord("infer-a", 3, 1, new NodeMode(0660, 0, 0), Resources.of(3, 7L << 30, 7, 14, 3)),
        new PartitionRecord("batch", -2, 1048575, new NodeMode(0600, 1000, 4294967294L), Resources.ZERO),
        new PartitionRecord("fresh", 4, 2, null, Resources.of(1, 1, 0, 0, 1))));

    @Test
    void shouldWriteTheDocumentedJson()
    {
        assertEquals(String.join("\n",
            "{",
            "  \"version\" : 1,",
            "  \"partitions\" : [ {",
            "    \"name\" : \"infer-a\",",
            "    \"partition_id\" : 3,",
            "    \"minor\" : 1,",
            "    \"mode\" : \"0660\",",
            "    \"uid\" : 0,",
            "    \"gid\" : 0,",
            "    \"resources\" : [ 3, 7516192768, 7, 14, 3 ]",
            "  }, {",
            "    \"name\" : \"batch\",",
            "    \"partition_id\" : -2,",
            "    \"minor\" : 1048575,",
            "    \"mode\" : \"0600\",",
            "    \"uid\" : 1000,",
            "    \"gid\" : 4294967294,",
            "    \"resources\" : [ 0, 0, 0, 0, 0 ]",
            "  }, {",
            "    \"name\" : \"fresh\",",
            "    \"partition_id\" : 4,",
            "    \"minor\" : 2,",
            "    \"mode\" : null,",
            "    \"uid\" : null,",
            "    \"gid\" : null,",
            "    \"resources\" : [ 1, 1, 0, 0, 1 ]",
            "  } ]",
            "}",
            ""), StateStore.render(STATE));
    }

    @Test
    void shouldRoundTripAndLeaveNoTemporaryFiles() throws Exception
    {
        final StateStore store = new StateStore(dir.resolve("sub").resolve("state.json"));
        assertEquals(DaemonState.EMPTY, store.load());

        store.save(STATE);
        assertEquals(STATE, store.load());
        store.save(STATE.without("batch"));

        assertEquals(STATE.without("batch"), store.load());
        try (var files = Files.list(dir.resolve("sub")))
        {
            assertEquals(List.of("state.json"), files.map((p) -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void shouldNameTheFileAndFieldOfADamagedState() throws Exception
    {
        assertDamaged("{\"version\":1,\"partitions\":[{\"name\":\"a\",\"partition_id\":1,\"mode\":\"0660\"," +
            "\"uid\":0,\"gid\":0,\"resources\":[1,1,0,0,1]}]}",
            "bad state: partitions[0].minor: must be an integer 0 to 1048575: minor=null");
        assertDamaged("{\"version\":2,\"partitions\":[]}", "bad state: version: unsupported: version=2");
        assertDamaged("{\"version\":1,\"partitions\":[{\"name\":\"a\",\"partition_id\":1,\"minor\":1," +
            "\"mode\":\"660\",\"uid\":0,\"gid\":0,\"resources\":[1,1,0,0,1]}]}",
            "bad state: partitions[0].mode: must be an octal mode \"0000\" to \"0777\": mode=\"660\"");
        assertDamaged("{\"version\":1,\"partitions\":[{\"name\":\"a\",\"partition_id\":1,\"minor\":1," +
            "\"mode\":\"0660\",\"uid\":0,\"gid\":0,\"resources\":[1,-1,0,0,1]}]}",
            "bad state: partitions[0].resources[1]: must be an amount >= 0: -1");
        final String one = "{\"name\":\"a\",\"partition_id\":1,\"minor\":1,\"mode\":\"0660\",\"uid\":0,\"gid\":0," +
            "\"resources\":[1,1,0,0,1]}";
        assertDamaged("{\"version\":1,\"partitions\":[" + one + "," + one.replace("\"minor\":1", "\"minor\":2") +
            "]}", "bad state: partitions[1].name: duplicate: name=a");
        assertDamaged("{\"version\":1,", "bad state: not JSON: Unexpected end-of-input within/between Object entries");
    }

    @Test
    void shouldWriteMaxAndLendOfAnElasticPartitionOnlyAndReadAnOldFileAsFixed() throws Exception
    {
        final DaemonState state = new DaemonState(List.of(new PartitionRecord("infer-a", 3, 1, NodeMode.DEFAULT,
            Resources.of(1, 2L << 30, 2, 4, 1), Resources.of(4, 8L << 30, 8, 16, 4), true, List.of())));

        final String text = StateStore.render(state);
        assertEquals(String.join("\n",
            "    \"resources\" : [ 1, 2147483648, 2, 4, 1 ],",
            "    \"max\" : [ 4, 8589934592, 8, 16, 4 ],",
            "    \"lend\" : true",
            "  } ]",
            "}",
            ""), text.substring(text.indexOf("    \"resources\"")));
        final StateStore store = new StateStore(dir.resolve("state.json"));
        store.save(state);
        assertEquals(state, store.load());

        Files.writeString(store.file(), "{\"version\":1,\"partitions\":[{\"name\":\"a\",\"partition_id\":1," +
            "\"minor\":1,\"mode\":\"0660\",\"uid\":0,\"gid\":0,\"resources\":[3,7,0,0,1]}]}");
        final PartitionRecord old = store.load().find("a");
        assertEquals(List.of(Resources.of(3, 7, 0, 0, 1), Resources.of(3, 7, 0, 0, 1), false),
            List.of(old.min(), old.max(), old.lend()));
        assertFalse(old.elastic());

        final String one = "{\"version\":1,\"partitions\":[{\"name\":\"a\",\"partition_id\":1,\"minor\":1," +
            "\"mode\":\"0660\",\"uid\":0,\"gid\":0,\"resources\":[3,7,0,0,1]";
        assertDamaged(one + ",\"max\":[2,7,0,0,1]}]}",
            "bad state: partitions[0].max: below resources: cores resources=3 max=2");
        assertDamaged(one + ",\"max\":[3,7,0,0]}]}", "bad state: partitions[0].max: must be an array of 5 amounts");
        assertDamaged(one + ",\"lend\":1}]}", "bad state: partitions[0].lend: must be true or false: lend=1");
    }

    @Test
    void shouldWriteADrainedPartitionsCordonOnlyAndReadAnOldFileAsNotDrained() throws Exception
    {
        final PartitionRecord plain = new PartitionRecord("batch", 3, 2, NodeMode.DEFAULT, Resources.of(1, 2, 0, 0, 1));
        final StateStore store = new StateStore(dir.resolve("state.json"));
        store.save(new DaemonState(List.of(plain.withDrained(true))));
        assertTrue(Files.readString(store.file()).contains("\"drained\" : true"), Files.readString(store.file()));
        assertTrue(store.load().find("batch").drained());

        store.save(new DaemonState(List.of(plain)));
        assertFalse(Files.readString(store.file()).contains("drained"), "left out when not drained");
        assertFalse(store.load().find("batch").drained());

        final String one = "{\"version\":1,\"partitions\":[{\"name\":\"a\",\"partition_id\":1,\"minor\":1," +
            "\"mode\":\"0660\",\"uid\":0,\"gid\":0,\"resources\":[3,7,0,0,1]";
        assertDamaged(one + ",\"drained\":\"yes\"}]}",
            "bad state: partitions[0].drained: must be true or false: drained=\"yes\"");
    }

    @Test
    void shouldWriteBindingsAndANodelessPartitionAndReadThemBack() throws Exception
    {
        final DaemonState state = new DaemonState(List.of(
            new PartitionRecord("a", 3, 1, NodeMode.DEFAULT, Resources.of(1, 1, 0, 0, 1), List.of("/t/a", "/x y")),
            new PartitionRecord("b", 4, PartitionRecord.NO_MINOR, null, Resources.of(1, 1, 0, 0, 1),
                List.of("/t/b"))));

        assertEquals(String.join("\n",
            "{",
            "  \"version\" : 1,",
            "  \"partitions\" : [ {",
            "    \"name\" : \"a\",",
            "    \"partition_id\" : 3,",
            "    \"minor\" : 1,",
            "    \"mode\" : \"0660\",",
            "    \"uid\" : 0,",
            "    \"gid\" : 0,",
            "    \"resources\" : [ 1, 1, 0, 0, 1 ],",
            "    \"cgroups\" : [ \"/t/a\", \"/x y\" ]",
            "  }, {",
            "    \"name\" : \"b\",",
            "    \"partition_id\" : 4,",
            "    \"minor\" : null,",
            "    \"mode\" : null,",
            "    \"uid\" : null,",
            "    \"gid\" : null,",
            "    \"resources\" : [ 1, 1, 0, 0, 1 ],",
            "    \"cgroups\" : [ \"/t/b\" ]",
            "  } ]",
            "}",
            ""), StateStore.render(state));
        final StateStore store = new StateStore(dir.resolve("state.json"));
        store.save(state);
        assertEquals(state, store.load());
        assertFalse(store.load().find("b").hasNode());
    }

    @Test
    void shouldReadAFileWrittenBeforeBindingsAsHavingNone() throws Exception
    {
        final Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"version\":1,\"partitions\":[{\"name\":\"a\",\"partition_id\":1,\"minor\":1," +
            "\"mode\":\"0660\",\"uid\":0,\"gid\":0,\"resources\":[1,1,0,0,1]}]}");

        assertEquals(new DaemonState(List.of(new PartitionRecord("a", 1, 1, NodeMode.DEFAULT,
            Resources.of(1, 1, 0, 0, 1), List.of()))), new StateStore(file).load());
    }

    @Test
    void shouldNameTheFieldOfADamagedBinding() throws Exception
    {
        final String one = "{\"name\":\"a\",\"partition_id\":1,\"minor\":1,\"mode\":\"0660\",\"uid\":0,\"gid\":0," +
            "\"resources\":[1,1,0,0,1],\"cgroups\":CG}";
        assertDamaged("{\"version\":1,\"partitions\":[" + one.replace("CG", "\"/a\"") + "]}",
            "bad state: partitions[0].cgroups: must be an array of cgroup paths: cgroups=\"/a\"");
        assertDamaged("{\"version\":1,\"partitions\":[" + one.replace("CG", "[\"/a\",\"b/../c\"]") + "]}",
            "bad state: partitions[0].cgroups[1]: cgroup path not absolute: path=b/../c");
        assertDamaged("{\"version\":1,\"partitions\":[" + one.replace("CG", "[\"/a\",3]") + "]}",
            "bad state: partitions[0].cgroups[1]: must be a string: cgroup=3");
        assertDamaged("{\"version\":1,\"partitions\":[" + one.replace("CG", "[\"/a\"]") + "," +
            one.replace("\"a\"", "\"b\"").replace("\"minor\":1", "\"minor\":2").replace("CG", "[\"/b\",\"/a\"]") + "]}",
            "bad state: partitions[1].cgroups[1]: duplicate: path=/a");
        assertDamaged("{\"version\":1,\"partitions\":[" + one.replace("CG", "[]").replace("\"minor\":1",
            "\"minor\":null") + "]}", "bad state: partitions[0].mode: must be null without a node (minor null): " +
            "mode=\"0660\"");
    }

    private void assertDamaged(final String json, final String expected) throws Exception
    {
        final Path file = dir.resolve("state.json");
        Files.writeString(file, json);
        final DamagedStateException ex = assertThrows(DamagedStateException.class, () -> new StateStore(file).load());
        assertEquals(file + ": " + expected, ex.getMessage());
        assertEquals(file, ex.file());
    }
}
