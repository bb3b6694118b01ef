package dev.shadowdev.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.SplittableRandom;

/**
 * Volume and seeds of a fuzz run. CI runs each fuzzer at its base volume with a fixed run seed; the long mode of
 * {@code scripts/reliability} multiplies the volume with {@code -Dshadowdev.reliability.scale=N}. Case {@code i} of
 * a run draws everything from its own seed, derived from the run seed, so a failing case is named by
 * {@code run_seed} and {@code case}: rerun with {@code -Dshadowdev.reliability.seed=<run_seed>} (the same cases in
 * the same order, so stateful fuzzers reach the same state). Used by the firmware fuzzers and the devfs reliability
 * tests alike (test scope).
 */
public final class FuzzRun
{
    public static final String SCALE_PROPERTY = "shadowdev.reliability.scale";
    public static final String SEED_PROPERTY = "shadowdev.reliability.seed";
    public static final long DEFAULT_SEED = 0x5EED_0F_F00DL;

    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private final String name;
    private final long runSeed;
    private final int cases;

    private FuzzRun(final String name, final long runSeed, final int cases)
    {
        this.name = name;
        this.runSeed = runSeed;
        this.cases = cases;
    }

    /**
     * @param name    the fuzzer, mixed into the seed so that fuzzers of one run draw different cases.
     * @param ciCases cases at scale 1.
     * @return the run: {@code ciCases * scale} cases.
     */
    public static FuzzRun of(final String name, final int ciCases)
    {
        return new FuzzRun(name, seed(), scaled(ciCases));
    }

    /** @return {@code ci * scale}: a volume that is not a case count (messages, cycles). */
    public static int scaled(final int ci)
    {
        return ci * scale();
    }

    /** @return the run seed: decimal, or hex with 0x (as failure messages print it). */
    public static long seed()
    {
        final String value = System.getProperty(SEED_PROPERTY, "").trim();
        if (value.isEmpty())
        {
            return DEFAULT_SEED;
        }
        return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value);
    }

    /**
     * @return the logger of a fuzzer, at INFO (the module's tests log at WARN) so that its summary line, the figures
     * docs/RELIABILITY.md quotes, is printed.
     */
    public static Logger logger(final Class<?> type)
    {
        System.setProperty("org.slf4j.simpleLogger.log." + type.getName(), "info");
        return LoggerFactory.getLogger(type);
    }

    /** @return the volume multiplier, at least 1. */
    public static int scale()
    {
        return Math.max(1, Integer.parseInt(System.getProperty(SCALE_PROPERTY, "1").trim()));
    }

    public int cases()
    {
        return cases;
    }

    public long runSeed()
    {
        return runSeed;
    }

    /** @return the generator of case {@code i}. */
    public SplittableRandom random(final int i)
    {
        return new SplittableRandom(caseSeed(i));
    }

    public long caseSeed(final int i)
    {
        return new SplittableRandom(runSeed ^ name.hashCode() * GOLDEN_GAMMA ^ (long)i * GOLDEN_GAMMA).nextLong();
    }

    /** @return how to name and rerun case {@code i} in a failure message. */
    public String describe(final int i)
    {
        return name + ": case=" + i + " case_seed=0x" + Long.toHexString(caseSeed(i)) + " run_seed=0x" +
            Long.toHexString(runSeed) + " (rerun: -D" + SEED_PROPERTY + "=0x" + Long.toHexString(runSeed) + ")";
    }

    @Override
    public String toString()
    {
        return name + ": cases=" + cases + " scale=" + scale() + " run_seed=0x" + Long.toHexString(runSeed);
    }
}
