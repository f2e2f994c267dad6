package org.valuesim.results.stats;

/**
 * How the permutation tests of a run's statistics (RTHOR, Mantel) are drawn.
 *
 * @param permutations relabellings per test
 * @param seed         seeds the relabellings, so a run's p-values repeat exactly
 */
public record PermutationTests(int permutations, long seed) {
}
