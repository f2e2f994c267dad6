package org.valuesim.core.random;

import java.util.SplittableRandom;

/**
 * Seeded random streams keyed by what they are for (run seed, purpose, agent, item), so a draw
 * does not depend on the order or the thread in which agents happen to be stepped.
 */
public final class Streams {

    private Streams() {
    }

    /** A stream for one purpose of one run, keyed by an index (an agent) and a name (an item). */
    public static SplittableRandom of(long seed, String purpose, long index, String name) {
        return of(key(seed, purpose, index), name);
    }

    /** The stream {@code of(seed, purpose, index, name)} where {@code key} is {@code key(seed, purpose, index)}. */
    static SplittableRandom of(long key, String name) {
        return new SplittableRandom(mix(key ^ mix(name.hashCode())));
    }

    /** A 64-bit key for (seed, purpose, index); String.hashCode is specified, so it is stable. */
    public static long key(long seed, String purpose, long index) {
        return mix(mix(seed) ^ mix(purpose.hashCode() + 0x9E3779B97F4A7C15L * (index + 1)));
    }

    /**
     * {@code gaussian(of(key, name))} without making the stream: a move's round draw is one per agent and round, and
     * two stream objects per draw were a fifth of a dilemma round's allocations. The two uniforms are SplittableRandom's
     * first two nextDouble() of that seed (SplitMix64: the seed advanced by the golden gamma, then mixed); StreamsTest
     * checks that both give the same draw.
     */
    public static double gaussian(long key, String name) {
        long seed = mix(key ^ mix(name.hashCode()));
        double u1 = 1 - unit(mix(seed + GOLDEN_GAMMA));
        double u2 = unit(mix(seed + 2 * GOLDEN_GAMMA));
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** SplittableRandom's step between seeds. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** A standard normal draw from two uniforms of the stream (Box-Muller). */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Shuffles the list in place (Fisher-Yates, from the last position down) with the stream. */
    public static <T> void shuffle(java.util.List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** The SplitMix64 finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
