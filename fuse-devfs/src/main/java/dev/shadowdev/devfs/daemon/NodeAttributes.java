package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.config.NodeMode;

import java.io.IOException;

/** Sets a shadow node's mode and owner, as {@code chmod} and {@code chown} on the node file would. */
@FunctionalInterface
public interface NodeAttributes
{
    /** Leaves the attributes alone: for a dry run or a filesystem that applies them itself. */
    NodeAttributes NONE = (minor, mode) ->
    {
    };

    /**
     * @param minor the node.
     * @param mode  the mode and owner it should have.
     * @throws IOException when they cannot be set.
     */
    void apply(int minor, NodeMode mode) throws IOException;
}
