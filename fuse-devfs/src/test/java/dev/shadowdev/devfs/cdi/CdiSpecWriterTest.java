package dev.shadowdev.devfs.cdi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CdiSpecWriterTest
{
    private static final List<CdiDevice> TWO = List.of(
        new CdiDevice("infer-a", Path.of("/run/shadowdev/accel/accel1")),
        new CdiDevice("batch", Path.of("/run/shadowdev/accel/accel4")));

    @Test
    void theSharedNodeIsOneMoreDeviceMountedWhereEveryNodeIs()
    {
        final String spec = CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND,
            List.of(new CdiDevice(CdiSpecWriter.CGROUP_DEVICE, Path.of("/run/shadowdev/accel/cgroup"))));

        assertEquals("cgroup", CdiSpecWriter.CGROUP_DEVICE);
        assertEquals(String.join("\n",
            "    \"name\" : \"cgroup\",",
            "    \"containerEdits\" : {",
            "      \"mounts\" : [ {",
            "        \"hostPath\" : \"/run/shadowdev/accel/cgroup\",",
            "        \"containerPath\" : \"/dev/accel/accel0\","),
            String.join("\n", List.of(spec.split("\n")).subList(4, 9)));
    }

    @Test
    void shouldRenderTheExactSpec()
    {
        assertEquals(String.join("\n",
            "{",
            "  \"cdiVersion\" : \"0.5.0\",",
            "  \"kind\" : \"shadowdev.dev/accel\",",
            "  \"devices\" : [ {",
            "    \"name\" : \"infer-a\",",
            "    \"containerEdits\" : {",
            "      \"mounts\" : [ {",
            "        \"hostPath\" : \"/run/shadowdev/accel/accel1\",",
            "        \"containerPath\" : \"/dev/accel/accel0\",",
            "        \"options\" : [ \"bind\", \"rw\" ]",
            "      } ]",
            "    }",
            "  }, {",
            "    \"name\" : \"batch\",",
            "    \"containerEdits\" : {",
            "      \"mounts\" : [ {",
            "        \"hostPath\" : \"/run/shadowdev/accel/accel4\",",
            "        \"containerPath\" : \"/dev/accel/accel0\",",
            "        \"options\" : [ \"bind\", \"rw\" ]",
            "      } ]",
            "    }",
            "  } ]",
            "}",
            ""), CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND, TWO));
    }

    @Test
    void shouldRefuseWhatPodmanWouldRefuse()
    {
        assertRefused("x", TWO, "cdi: bad kind, want vendor/class: kind=x");
        assertRefused("shadowdev.dev/accel", List.of(), "cdi: no shadow nodes to describe: devices=0");
        assertRefused("shadowdev.dev/accel", List.of(new CdiDevice("-a", Path.of("/n"))),
            "cdi: bad device name: name=-a");
        assertRefused("shadowdev.dev/accel", List.of(TWO.get(0), TWO.get(0)),
            "cdi: duplicate device name: name=infer-a");
        assertRefused("shadowdev.dev/accel", List.of(new CdiDevice("a", Path.of("accel/accel1"))),
            "cdi: host path must be absolute: hostPath=accel/accel1");
    }

    @Test
    void shouldWriteAtomicallyAndKeepTheOldSpecOnBadInput(@TempDir final Path dir) throws Exception
    {
        final Path target = dir.resolve("etc").resolve("cdi").resolve("shadowdev.json");
        CdiSpecWriter.write(target, CdiSpecWriter.DEFAULT_KIND, TWO);
        final String written = Files.readString(target);
        assertEquals(CdiSpecWriter.render(CdiSpecWriter.DEFAULT_KIND, TWO), written);

        assertThrows(IllegalArgumentException.class, () -> CdiSpecWriter.write(target, "bad", TWO));

        assertEquals(written, Files.readString(target));
        try (var files = Files.list(target.getParent()))
        {
            assertFalse(files.anyMatch((p) -> p.getFileName().toString().startsWith(".")));
        }
    }

    private static void assertRefused(final String kind, final List<CdiDevice> devices, final String message)
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> CdiSpecWriter.render(kind, devices));
        assertEquals(message, ex.getMessage());
    }
}
