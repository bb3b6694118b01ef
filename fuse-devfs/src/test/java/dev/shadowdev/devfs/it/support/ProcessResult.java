package dev.shadowdev.devfs.it.support;

/**
 * How a command ended.
 *
 * @param exitCode its exit status, -1 when it was killed at the timeout.
 * @param stdout   everything it wrote to stdout (UTF-8).
 * @param stderr   everything it wrote to stderr (UTF-8).
 * @param timedOut true when it was killed at the timeout.
 */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut)
{
    /** @return a one-line summary for assertion messages. */
    public String describe()
    {
        return "exit=" + exitCode + (timedOut ? " (timed out)" : "") + " stdout=[" + stdout.strip() + "] stderr=[" +
            stderr.strip() + "]";
    }
}
