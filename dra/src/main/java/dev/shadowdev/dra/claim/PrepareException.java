package dev.shadowdev.dra.claim;

/** Preparing or unpreparing a claim failed; the message ({@code what: name=value}) goes to the kubelet. */
public final class PrepareException extends Exception
{
    private static final long serialVersionUID = 1L;

    public PrepareException(final String message)
    {
        super(message);
    }

    public PrepareException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
