package dev.shadowdev.bench.ring;

/**
 * Counters one thread writes on every message, padded to their own cache lines so the other thread's reads of the
 * benchmark state do not false-share with them (Agrona's left-hand/right-hand padding pattern: superclass fields
 * are laid out first).
 */
final class PaddedTally extends PaddedTallyValues
{
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
}

class PaddedTallyLeft
{
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
}

class PaddedTallyValues extends PaddedTallyLeft
{
    /** Producer: next ring slot. */
    int slot;
    /** Producer: elements queued since the last doorbell. */
    int unrung;
    /** Producer (reaping): buffers completed. */
    long completed;
    /** Consumer: checksum of the first 8 bytes of each message. */
    long consumed;
}
