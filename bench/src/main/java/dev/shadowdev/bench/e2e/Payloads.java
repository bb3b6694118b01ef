package dev.shadowdev.bench.e2e;

/** Request data: a fixed byte pattern, so an echo that reorders or drops bytes is caught. */
final class Payloads
{
    private Payloads()
    {
    }

    static byte[] pattern(final int size)
    {
        final byte[] data = new byte[size];
        for (int i = 0; i < size; i++)
        {
            data[i] = (byte)(i * 31 + 7);
        }
        return data;
    }
}
