package dev.shadowdev.dra.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.io.AtomicFiles;
import dev.shadowdev.devfs.resource.Resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads and saves the {@link ClaimState} as JSON, atomically (as the daemon's state file):
 * <pre>{@code
 * {
 *   "version" : 1,
 *   "claims" : [ {
 *     "uid" : "0b4f...", "namespace" : "default", "name" : "infer-claim", "complete" : true,
 *     "devices" : [ {
 *       "request_names" : [ "accel" ], "pool" : "node-1", "device" : "dyn-2c-0",
 *       "partition" : "dra-5e0c...", "owned" : true, "resources" : [ 2, 4294967296, 4, 8, 2 ],
 *       "minor" : 5, "cdi_device_id" : "shadowdev.dev/claim=0b4f...-dyn-2c-0"
 *     } ]
 *   } ]
 * }
 * }</pre>
 * A missing file is an empty state; a damaged one is an error naming the file and the field.
 */
public final class ClaimStateStore
{
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ClaimStateStore(final Path file)
    {
        this.file = file;
    }

    public Path file()
    {
        return file;
    }

    /**
     * @return the saved state, {@link ClaimState#EMPTY} when there is no file.
     * @throws IOException when it cannot be read or is damaged: {@code file: bad state: key: what}.
     */
    public ClaimState load() throws IOException
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            return ClaimState.EMPTY;
        }
        try
        {
            return parse(JSON.readTree(bytes));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IOException(file + ": bad state: not JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /** Save atomically; the directory is created when missing. */
    public void save(final ClaimState state) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, render(state).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the JSON {@link #save} writes. */
    public static String render(final ClaimState state)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        final ArrayNode claims = root.putArray("claims");
        for (final ClaimRecord c : state.claims())
        {
            final ObjectNode claim = claims.addObject();
            claim.put("uid", c.uid());
            claim.put("namespace", c.namespace());
            claim.put("name", c.name());
            claim.put("complete", c.complete());
            final ArrayNode devices = claim.putArray("devices");
            for (final PreparedDevice d : c.devices())
            {
                final ObjectNode device = devices.addObject();
                final ArrayNode requests = device.putArray("request_names");
                d.requestNames().forEach(requests::add);
                device.put("pool", d.pool());
                device.put("device", d.device());
                device.put("partition", d.partition());
                device.put("owned", d.owned());
                final ArrayNode resources = device.putArray("resources");
                for (int i = 0; i < Resource.COUNT; i++)
                {
                    resources.add(d.resources().get(i));
                }
                device.put("minor", d.minor());
                device.put("cdi_device_id", d.cdiDeviceId());
            }
        }
        try
        {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("state: cannot render: " + ex.getOriginalMessage(), ex);
        }
    }

    private ClaimState parse(final JsonNode root) throws IOException
    {
        if (!root.isObject())
        {
            throw bad("(root)", "must be an object");
        }
        final JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION)
        {
            throw bad("version", "unsupported: version=" + version);
        }
        final JsonNode claims = root.get("claims");
        if (claims == null || !claims.isArray())
        {
            throw bad("claims", "must be an array");
        }
        final List<ClaimRecord> records = new ArrayList<>();
        final Set<String> uids = new HashSet<>();
        for (int i = 0; i < claims.size(); i++)
        {
            final String at = "claims[" + i + "].";
            final JsonNode c = claims.get(i);
            final String uid = text(c, at, "uid");
            if (!uids.add(uid))
            {
                throw bad(at + "uid", "duplicate: uid=" + uid);
            }
            final JsonNode complete = c.get("complete");
            if (complete == null || !complete.isBoolean())
            {
                throw bad(at + "complete", "must be true or false: complete=" + complete);
            }
            final JsonNode devices = c.get("devices");
            if (devices == null || !devices.isArray())
            {
                throw bad(at + "devices", "must be an array");
            }
            final List<PreparedDevice> list = new ArrayList<>();
            for (int k = 0; k < devices.size(); k++)
            {
                list.add(device(devices.get(k), at + "devices[" + k + "]."));
            }
            records.add(new ClaimRecord(uid, text(c, at, "namespace"), text(c, at, "name"), complete.booleanValue(),
                list));
        }
        return new ClaimState(records);
    }

    private PreparedDevice device(final JsonNode d, final String at) throws IOException
    {
        final JsonNode requests = d.get("request_names");
        if (requests == null || !requests.isArray())
        {
            throw bad(at + "request_names", "must be an array of strings");
        }
        final List<String> names = new ArrayList<>();
        for (final JsonNode n : requests)
        {
            if (!n.isTextual())
            {
                throw bad(at + "request_names", "must be an array of strings: " + n);
            }
            names.add(n.textValue());
        }
        final JsonNode owned = d.get("owned");
        if (owned == null || !owned.isBoolean())
        {
            throw bad(at + "owned", "must be true or false: owned=" + owned);
        }
        final JsonNode res = d.get("resources");
        if (res == null || !res.isArray() || res.size() != Resource.COUNT)
        {
            throw bad(at + "resources", "must be an array of " + Resource.COUNT + " amounts");
        }
        final long[] amounts = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            final JsonNode v = res.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0)
            {
                throw bad(at + "resources[" + i + "]", "must be an amount >= 0: " + v);
            }
            amounts[i] = v.longValue();
        }
        final JsonNode minor = d.get("minor");
        if (minor == null || !minor.isInt() || minor.intValue() < -1)
        {
            throw bad(at + "minor", "must be an integer >= -1: minor=" + minor);
        }
        return new PreparedDevice(names, text(d, at, "pool"), text(d, at, "device"), text(d, at, "partition"),
            owned.booleanValue(), Resources.of(amounts), minor.intValue(), text(d, at, "cdi_device_id"));
    }

    private String text(final JsonNode e, final String at, final String key) throws IOException
    {
        final JsonNode v = e.get(key);
        if (v == null || !v.isTextual() || v.textValue().isEmpty())
        {
            throw bad(at + key, "must be a non-empty string: " + key + "=" + v);
        }
        return v.textValue();
    }

    private IOException bad(final String key, final String what)
    {
        return new IOException(file + ": bad state: " + key + ": " + what);
    }
}
