package dev.shadowdev.devfs.fs;

/**
 * The FUSE kernel protocol's opcodes ({@code enum fuse_opcode} in {@code linux/fuse.h}) the devfs reads itself; every
 * other opcode goes to libfuse.
 */
final class FuseOpcodes
{
    /** {@code FUSE_READ}: a {@code read(2)} of an open file. */
    static final int READ = 15;
    /** {@code FUSE_WRITE}: a {@code write(2)} to an open file. */
    static final int WRITE = 16;
    /** {@code FUSE_INTERRUPT}: the caller of a request already read got a signal; no reply. */
    static final int INTERRUPT = 36;

    private FuseOpcodes()
    {
    }
}
