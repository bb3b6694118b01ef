package dev.shadowdev.image;

/**
 * A workload image {@link WorkloadImageValidator} refused: the message names the first wrong field
 * ({@code what: name=value}). On the wire every such refusal is EBADMSG; the firmware model turns it into its own
 * refusal. Kept in this package so that the image format depends on nothing of the model.
 */
public final class InvalidImageException extends Exception
{
    private static final long serialVersionUID = 1L;

    /** @param message {@code what: name=value}. */
    public InvalidImageException(final String message)
    {
        super(message, null, false, false);
    }
}
