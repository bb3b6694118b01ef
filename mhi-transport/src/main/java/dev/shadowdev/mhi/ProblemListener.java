package dev.shadowdev.mhi;

/**
 * Told of every problem a component finds on its own, where no caller waits for a result to carry it: a bad ring
 * element or doorbell the device answers with BAD_TRE or ignores, a request the firmware refuses on the wire. The
 * wire answer (or the completion code) already carries the errno; this carries the reason, {@code what: name=value},
 * for whoever wants it (tests, tools). Each problem is logged at WARN (or DEBUG) as well.
 */
@FunctionalInterface
public interface ProblemListener
{
    /** Nobody listens: problems are logged only (and no reason text is built for a listener). */
    ProblemListener NONE = problem ->
    {
    };

    /**
     * Called on the thread that found the problem (the device thread); must not block.
     *
     * @param problem {@code what: name=value}.
     */
    void onProblem(String problem);
}
