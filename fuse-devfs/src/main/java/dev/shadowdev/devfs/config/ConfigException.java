package dev.shadowdev.devfs.config;

import java.util.List;

/**
 * A config that cannot be used. Each problem is one line {@code file:line: key: what: name=value} (the line when it
 * is known); the message is the problems joined by newlines. Nothing has been changed when this is thrown.
 */
public final class ConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(final List<String> problems)
    {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in file order. */
    public List<String> problems()
    {
        return problems;
    }
}
