package dev.shadowdev.firmware.model;

/** Why the firmware took a workload's resources away (ABI.md section 6). */
public enum PreemptionReason
{
    /** It was borrowing, and a reservation it borrowed from was claimed back (ACTIVATE within min, PART_CREATE, a
     * PART_RESIZE growing a min or clearing LEND). */
    REVOKED,
    /** A PART_RESIZE with FORCE lowered its own partition's max below what the partition used. */
    LIMIT,
    /** Its partition was drained and the grace period ran out. */
    DRAINED
}
