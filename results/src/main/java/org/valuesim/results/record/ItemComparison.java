package org.valuesim.results.record;

import java.util.Map;

/**
 * One item's simulated answer shares against the human ones: Jensen-Shannon divergence (bits) and, for ordered
 * answers, Wasserstein-1 distance (in options). Items with human shares by group carry each group's comparison, the
 * item's figures being their answer-weighted means.
 */
public record ItemComparison(String instrument, String groupBy, double[] simulated, double[] human,
                             double jsDivergence, Double wasserstein, Map<String, Group> groups) {

    /** One group's answers (count), shares and distances. */
    public record Group(long answers, double[] simulated, double[] human, double jsDivergence, Double wasserstein) {
    }
}
