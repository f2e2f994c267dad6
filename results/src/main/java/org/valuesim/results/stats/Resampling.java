package org.valuesim.results.stats;

/**
 * How the resampling statistics of a run are drawn: permutation tests (RTHOR, Mantel) and bootstrap intervals.
 *
 * @param permutations relabellings per permutation test
 * @param bootstrap    bootstrap resamples of the personas (0: no intervals)
 * @param seed         seeds both, so a run's p-values and intervals repeat exactly
 */
public record Resampling(int permutations, int bootstrap, long seed) {
}
