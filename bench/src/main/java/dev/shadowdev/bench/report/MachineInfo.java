package dev.shadowdev.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: CPUs, CPU model, kernel, JVM, and the load average (others' work). */
final class MachineInfo
{
    private MachineInfo()
    {
    }

    static Map<String, Object> collect()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", cpuModel());
        m.put("kernel", read("/proc/sys/kernel/osrelease"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("loadavg_at_report", read("/proc/loadavg"));
        return m;
    }

    private static String cpuModel()
    {
        for (final String line : read("/proc/cpuinfo").split("\n"))
        {
            if (line.startsWith("model name"))
            {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(final String file)
    {
        try
        {
            return Files.readString(Path.of(file)).trim();
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }
}
