package dev.shadowdev.devfs.fs;

/**
 * A reply the devfs writes to {@code /dev/fuse} itself ({@code linux/fuse.h}, little-endian):
 * {@code struct fuse_out_header}, then a {@code FUSE_READ}'s data or a {@code FUSE_WRITE}'s
 * {@code struct fuse_write_out}; an error is the header alone.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 len (the whole reply, data included)          |  0
 *  +---------------------------------------------------------------+
 *  |                 error (0, or a negative errno)                |  4
 *  +---------------------------------------------------------------+
 *  |                 unique (the request's)                        |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  READ: the data ...  |  WRITE: size (bytes written)           | 16
 *  +---------------------------------------------------------------+
 *  |                       WRITE: padding                          | 20
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class FuseOutDescriptor
{
    static final int LEN_OFFSET = 0;
    static final int ERROR_OFFSET = LEN_OFFSET + Integer.BYTES;
    static final int UNIQUE_OFFSET = ERROR_OFFSET + Integer.BYTES;
    /** {@code sizeof(struct fuse_out_header)}: 16; a READ's data starts here. */
    static final int HEADER_LENGTH = UNIQUE_OFFSET + Long.BYTES;

    static final int WRITTEN_SIZE_OFFSET = HEADER_LENGTH;
    static final int WRITTEN_PADDING_OFFSET = WRITTEN_SIZE_OFFSET + Integer.BYTES;
    /** A WRITE's reply: the header and {@code struct fuse_write_out}, 24. */
    static final int WRITE_REPLY_LENGTH = WRITTEN_PADDING_OFFSET + Integer.BYTES;

    private FuseOutDescriptor()
    {
    }
}
