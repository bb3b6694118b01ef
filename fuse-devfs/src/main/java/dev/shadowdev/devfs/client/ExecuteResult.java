package dev.shadowdev.devfs.client;

/**
 * An EXECUTE response body (ABI.md 1.3).
 *
 * @param dbcId the channel that ran it.
 * @param data  the output, {@code data_len} bytes (padding removed).
 */
public record ExecuteResult(int dbcId, byte[] data)
{
}
