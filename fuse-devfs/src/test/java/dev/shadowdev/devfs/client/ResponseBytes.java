package dev.shadowdev.devfs.client;

/** Builds response bytes (ABI.md 1.2) by hand for tests. */
final class ResponseBytes
{
    private final Le transactions = new Le();
    private int count;
    private final int tag;
    private final int status;

    ResponseBytes(final int tag, final int status)
    {
        this.tag = tag;
        this.status = status;
    }

    /** Add a response transaction; {@code body} is padded to 8. */
    ResponseBytes add(final int type, final int status, final byte[] body)
    {
        final int padded = (body.length + 7) & -8;
        transactions.u32(type, 16 + padded, status, 0).bytes(body).zeros(padded - body.length);
        count++;
        return this;
    }

    byte[] toBytes()
    {
        return new Le().u32(16 + transactions.size(), count, tag, status).bytes(transactions.toBytes()).toBytes();
    }
}
