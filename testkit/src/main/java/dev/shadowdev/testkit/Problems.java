package dev.shadowdev.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what a component tells its problem listener ({@code device.setProblemListener(problems::add)}), in
 * order, from any thread, so that a test can assert the reason of a refusal the component found on its own.
 */
public final class Problems
{
    private final List<String> told = new CopyOnWriteArrayList<>();

    /** @param problem {@code what: name=value}. */
    public void add(final String problem)
    {
        told.add(problem);
    }

    /** @return the last problem told, or the empty string when none was. */
    public String last()
    {
        final Object[] all = told.toArray();
        return all.length == 0 ? "" : (String)all[all.length - 1];
    }

    /** @return every problem told so far, oldest first. */
    public List<String> all()
    {
        return List.copyOf(told);
    }
}
