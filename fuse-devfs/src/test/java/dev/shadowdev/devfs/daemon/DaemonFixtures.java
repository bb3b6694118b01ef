package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.resource.Resources;

/** Configs for daemon tests, written as TOML so they go through the real loader. */
final class DaemonFixtures
{
    static final Resources AIC100 = Resources.of(16, 32L << 30, 32, 64, 16);

    private DaemonFixtures()
    {
    }

    /**
     * @param partitions {@code "name:cores:memoryGiB[:option...]"} each; 0 bus replicators and semaphores, 1 DBC;
     *                   cores {@code N} or elastic {@code lo..hi}. An option is {@code lend}, a mode ({@code 0600}), {@code nonode} ({@code node = false}) or cgroup paths
     *                   separated by commas ({@code /t/a,/t/b}).
     */
    static DevfsConfig config(final String... partitions)
    {
        final StringBuilder sb = new StringBuilder("[device]\nprofile = \"aic100\"\n");
        for (final String p : partitions)
        {
            final String[] f = p.split(":");
            final String cores = f[1].contains("..") ?
                "{ min = " + f[1].replace("..", ", max = ") + " }" : f[1];
            sb.append("[[partition]]\nname = \"").append(f[0]).append("\"\ncores = ").append(cores)
                .append("\nmemory = \"").append(f[2]).append("GiB\"\ndma_channels = 1\n");
            for (int i = 3; i < f.length; i++)
            {
                if (f[i].equals("lend"))
                {
                    sb.append("lend = true\n");
                }
                else if (f[i].equals("nonode"))
                {
                    sb.append("node = false\n");
                }
                else if (f[i].startsWith("/"))
                {
                    sb.append("cgroups = [\"").append(String.join("\", \"", f[i].split(","))).append("\"]\n");
                }
                else
                {
                    sb.append("mode = \"").append(f[i]).append("\"\n");
                }
            }
        }
        try
        {
            return ConfigLoader.parse("test.toml", sb.toString());
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    static Resources res(final int cores, final int memoryGiB)
    {
        return Resources.of(cores, (long)memoryGiB << 30, 0, 0, 1);
    }
}
