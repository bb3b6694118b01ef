package dev.shadowdev.dra.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowdev.devfs.cdi.CdiSpecWriter;
import dev.shadowdev.devfs.io.AtomicFiles;
import dev.shadowdev.dra.Dra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CDI spec of one claim, {@code <dir>/shadowdev.dev-claim-<uid>.json}, kind {@value Dra#CDI_KIND}: one CDI
 * device {@code <uid>-<device>} per device of the claim, bind-mounting its shadow node in the container at
 * {@code /dev/accel/accel<i>}, {@code i} the device's index in the claim (so a one-device claim's node is
 * {@value CdiSpecWriter#CONTAINER_PATH}, as with {@code shadowdev cdi}).
 */
public final class ClaimCdiSpec
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimCdiSpec()
    {
    }

    /** @return the spec file of a claim. */
    public static Path file(final Path dir, final String uid)
    {
        return dir.resolve(Dra.DRIVER + "-claim-" + uid + ".json");
    }

    /** @return the CDI device name of one device of a claim. */
    public static String deviceName(final String uid, final String device)
    {
        return uid + "-" + device;
    }

    /** @return the fully qualified CDI device ID: {@code shadowdev.dev/claim=<uid>-<device>}. */
    public static String deviceId(final String uid, final String device)
    {
        return Dra.CDI_KIND + "=" + deviceName(uid, device);
    }

    /** @return the spec as JSON. */
    public static String render(final String uid, final List<PreparedDevice> devices, final Path mount)
    {
        final ObjectNode spec = JSON.createObjectNode();
        spec.put("cdiVersion", CdiSpecWriter.CDI_VERSION);
        spec.put("kind", Dra.CDI_KIND);
        final ArrayNode list = spec.putArray("devices");
        for (int i = 0; i < devices.size(); i++)
        {
            final PreparedDevice d = devices.get(i);
            final ObjectNode entry = list.addObject();
            entry.put("name", deviceName(uid, d.device()));
            final ObjectNode bind = entry.putObject("containerEdits").putArray("mounts").addObject();
            bind.put("hostPath", mount.resolve("accel").resolve("accel" + d.minor()).toAbsolutePath().toString());
            bind.put("containerPath", "/dev/accel/accel" + i);
            bind.putArray("options").add("bind").add("rw");
        }
        try
        {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec) + "\n";
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cdi: cannot render: " + ex.getOriginalMessage(), ex);
        }
    }

    /** Write a claim's spec atomically (the directory is created when missing). */
    public static void write(final Path dir, final String uid, final List<PreparedDevice> devices, final Path mount)
        throws IOException
    {
        Files.createDirectories(dir);
        AtomicFiles.write(file(dir, uid), render(uid, devices, mount).getBytes(StandardCharsets.UTF_8));
    }

    /** Remove a claim's spec; nothing when there is none. */
    public static void remove(final Path dir, final String uid) throws IOException
    {
        Files.deleteIfExists(file(dir, uid));
    }
}
