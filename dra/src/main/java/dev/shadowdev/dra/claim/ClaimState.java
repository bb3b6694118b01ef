package dev.shadowdev.dra.claim;

import java.util.ArrayList;
import java.util.List;

/**
 * The plugin's saved state: the claims it prepared or is preparing. Immutable; {@link #with} and {@link #without}
 * return a new state.
 *
 * @param claims UIDs unique.
 */
public record ClaimState(List<ClaimRecord> claims)
{
    public static final ClaimState EMPTY = new ClaimState(List.of());

    public ClaimState
    {
        claims = List.copyOf(claims);
    }

    /** @return the claim with this UID, or {@code null}. */
    public ClaimRecord find(final String uid)
    {
        return claims.stream().filter((c) -> c.uid().equals(uid)).findFirst().orElse(null);
    }

    /** @return this state with {@code record} added, or replacing the record of the same UID. */
    public ClaimState with(final ClaimRecord record)
    {
        final List<ClaimRecord> list = new ArrayList<>(claims);
        list.removeIf((c) -> c.uid().equals(record.uid()));
        list.add(record);
        return new ClaimState(list);
    }

    /** @return this state without the claim with this UID. */
    public ClaimState without(final String uid)
    {
        final List<ClaimRecord> list = new ArrayList<>(claims);
        list.removeIf((c) -> c.uid().equals(uid));
        return new ClaimState(list);
    }
}
