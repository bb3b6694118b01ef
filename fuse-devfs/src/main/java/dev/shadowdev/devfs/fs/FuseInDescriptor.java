package dev.shadowdev.devfs.fs;

/**
 * A {@code FUSE_READ} or {@code FUSE_WRITE} request as the kernel hands it to {@code read(2)} on {@code /dev/fuse}
 * ({@code linux/fuse.h}, protocol 7.9 and later, all fields little-endian on the platforms shadowdev runs on):
 * {@code struct fuse_in_header}, then {@code struct fuse_read_in} or {@code struct fuse_write_in} (the same layout),
 * then, for a write, its data. A {@code FUSE_INTERRUPT} is the header and {@code struct fuse_interrupt_in}: the
 * {@code unique} of the request interrupted, at offset 40 ({@link #INTERRUPTED_UNIQUE_OFFSET}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              len (the whole request, data included)           |  0
 *  +---------------------------------------------------------------+
 *  |                 opcode (FuseOpcodes.READ / WRITE)             |  4
 *  +---------------------------------------------------------------+
 *  |                  unique (echoed in the reply)                 |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                            nodeid                             | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                              uid                              | 24
 *  +---------------------------------------------------------------+
 *  |                              gid                              | 28
 *  +---------------------------------------------------------------+
 *  |                              pid                              | 32
 *  +---------------------------------------------------------------+
 *  |                            padding                            | 36
 *  +---------------------------------------------------------------+  fuse_read_in / fuse_write_in
 *  |                fh (the handle the devfs's open chose)         | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                            offset                             | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |         size (bytes asked for / bytes of data that follow)    | 56
 *  +---------------------------------------------------------------+
 *  |                    read_flags / write_flags                   | 60
 *  +---------------------------------------------------------------+
 *  |                          lock_owner                           | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     flags (the file's f_flags at this read: fcntl's too)      | 72
 *  +---------------------------------------------------------------+
 *  |                            padding                            | 76
 *  +---------------------------------------------------------------+
 *  |                   a write's data (size bytes)                ... 80
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class FuseInDescriptor
{
    static final int LEN_OFFSET = 0;
    static final int OPCODE_OFFSET = LEN_OFFSET + Integer.BYTES;
    static final int UNIQUE_OFFSET = OPCODE_OFFSET + Integer.BYTES;
    static final int NODEID_OFFSET = UNIQUE_OFFSET + Long.BYTES;
    static final int UID_OFFSET = NODEID_OFFSET + Long.BYTES;
    static final int GID_OFFSET = UID_OFFSET + Integer.BYTES;
    static final int PID_OFFSET = GID_OFFSET + Integer.BYTES;
    static final int HEADER_PADDING_OFFSET = PID_OFFSET + Integer.BYTES;
    /** {@code sizeof(struct fuse_in_header)}: 40. */
    static final int HEADER_LENGTH = HEADER_PADDING_OFFSET + Integer.BYTES;

    static final int FH_OFFSET = HEADER_LENGTH;
    static final int OFFSET_OFFSET = FH_OFFSET + Long.BYTES;
    static final int SIZE_OFFSET = OFFSET_OFFSET + Long.BYTES;
    static final int IO_FLAGS_OFFSET = SIZE_OFFSET + Integer.BYTES;
    static final int LOCK_OWNER_OFFSET = IO_FLAGS_OFFSET + Integer.BYTES;
    static final int FLAGS_OFFSET = LOCK_OWNER_OFFSET + Long.BYTES;
    static final int IO_PADDING_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    /** Where a write's data starts: {@code sizeof(fuse_in_header) + sizeof(fuse_write_in)}, 80. */
    static final int DATA_OFFSET = IO_PADDING_OFFSET + Integer.BYTES;

    /** A {@code FUSE_INTERRUPT}'s {@code struct fuse_interrupt_in}: the unique of the request interrupted. */
    static final int INTERRUPTED_UNIQUE_OFFSET = HEADER_LENGTH;
    /** The length of a {@code FUSE_INTERRUPT}, 48. */
    static final int INTERRUPT_LENGTH = INTERRUPTED_UNIQUE_OFFSET + Long.BYTES;

    private FuseInDescriptor()
    {
    }
}
