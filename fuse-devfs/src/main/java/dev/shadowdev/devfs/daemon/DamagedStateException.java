package dev.shadowdev.devfs.daemon;

import java.io.IOException;
import java.nio.file.Path;

/** The daemon's state file is there but damaged: {@code file: bad state: key: what}. Nothing was changed. */
public final class DamagedStateException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    DamagedStateException(final Path file, final String what, final Throwable cause)
    {
        super(file + ": bad state: " + what, cause);
        this.file = file;
    }

    /** @return the damaged file. */
    public Path file()
    {
        return file;
    }
}
