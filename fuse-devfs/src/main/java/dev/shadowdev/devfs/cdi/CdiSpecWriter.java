package dev.shadowdev.devfs.cdi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowdev.devfs.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a Container Device Interface spec (CDI {@value #CDI_VERSION}, which podman 4.3 reads) with one device per
 * shadow node. Each device's containerEdits bind-mount the node file at {@value #CONTAINER_PATH}, so the program
 * in the container sees its partition as "the" device:
 * <pre>{@code
 * {
 *   "cdiVersion" : "0.5.0",
 *   "kind" : "shadowdev.dev/accel",
 *   "devices" : [ {
 *     "name" : "infer-a",
 *     "containerEdits" : {
 *       "mounts" : [ {
 *         "hostPath" : "/run/shadowdev/accel/accel1",
 *         "containerPath" : "/dev/accel/accel0",
 *         "options" : [ "bind", "rw" ]
 *       } ]
 *     }
 *   } ]
 * }
 * }</pre>
 * Used as {@code podman run --device shadowdev.dev/accel=infer-a ...}. The device {@value #CGROUP_DEVICE}, when
 * the devfs has the shared node, bind-mounts {@code <mount>/accel/cgroup} the same way: every container given it
 * reaches the partition its cgroup is bound to (ABI.md 7).
 */
public final class CdiSpecWriter
{
    public static final String CDI_VERSION = "0.5.0";
    public static final String DEFAULT_KIND = "shadowdev.dev/accel";
    public static final String CONTAINER_PATH = "/dev/accel/accel0";
    public static final Path DEFAULT_PATH = Path.of("/etc/cdi/shadowdev.json");
    /** The device of the shared node {@code accel/cgroup}: {@code shadowdev.dev/accel=cgroup}. */
    public static final String CGROUP_DEVICE = "cgroup";

    /** CDI's rules: {@code vendor/class}, and device names as below. */
    private static final Pattern KIND = Pattern.compile(
        "[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?/[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CdiSpecWriter()
    {
    }

    /**
     * @param kind    {@code vendor/class}, e.g. {@value #DEFAULT_KIND}.
     * @param devices at least one; names unique.
     * @return the spec as pretty-printed JSON with a trailing newline.
     * @throws IllegalArgumentException naming the bad kind, device name or path; nothing is written.
     */
    public static String render(final String kind, final List<CdiDevice> devices)
    {
        if (!KIND.matcher(kind).matches())
        {
            throw new IllegalArgumentException("cdi: bad kind, want vendor/class: kind=" + kind);
        }
        if (devices.isEmpty())
        {
            throw new IllegalArgumentException("cdi: no shadow nodes to describe: devices=0");
        }
        final ObjectNode spec = JSON.createObjectNode();
        spec.put("cdiVersion", CDI_VERSION);
        spec.put("kind", kind);
        final ArrayNode list = spec.putArray("devices");
        final Set<String> names = new HashSet<>();
        for (final CdiDevice device : devices)
        {
            if (!DEVICE_NAME.matcher(device.name()).matches())
            {
                throw new IllegalArgumentException("cdi: bad device name: name=" + device.name());
            }
            if (!names.add(device.name()))
            {
                throw new IllegalArgumentException("cdi: duplicate device name: name=" + device.name());
            }
            if (!device.hostPath().isAbsolute())
            {
                throw new IllegalArgumentException("cdi: host path must be absolute: hostPath=" + device.hostPath());
            }
            final ObjectNode entry = list.addObject();
            entry.put("name", device.name());
            final ObjectNode mount = entry.putObject("containerEdits").putArray("mounts").addObject();
            mount.put("hostPath", device.hostPath().toString());
            mount.put("containerPath", CONTAINER_PATH);
            mount.putArray("options").add("bind").add("rw");
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

    /**
     * Render and write the spec atomically.
     *
     * @param target  e.g. {@link #DEFAULT_PATH}; its directory is created when missing.
     * @param kind    {@code vendor/class}.
     * @param devices at least one.
     * @throws IOException when writing fails; the old spec, if any, is then unchanged.
     */
    public static void write(final Path target, final String kind, final List<CdiDevice> devices) throws IOException
    {
        final String json = render(kind, devices);
        final Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        AtomicFiles.write(target, json.getBytes(StandardCharsets.UTF_8));
    }
}
