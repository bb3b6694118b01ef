package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;

import java.nio.file.Path;

/** How the CLI opens a node file: through libc by default, a fake in tests. */
@FunctionalInterface
public interface NodeOpener
{
    /** The real thing: {@link NodeClient#open(Path)}. */
    NodeOpener FILES = NodeClient::open;

    NodeClient open(Path node) throws NodeException;
}
