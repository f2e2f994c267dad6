package org.valuesim.core.values;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a simulated population is compared with: statistics of real people's answers to a value
 * instrument. Arrays are in {@link SchwartzValue} circular order.
 *
 * @param instrument  the instrument the humans answered
 * @param respondents how many people the statistics are over
 * @param raw         value scores as the mean of each value's items, on the answer scale
 * @param centred     the same scores centred by each person's mean over all items (MRAT)
 * @param alpha       Cronbach's alpha of each value's items
 * @param valueScores the empirical distribution of each value's raw scores
 * @param itemShares  per item id, the share of people choosing each option in scale order
 */
public record HumanReference(
        @JsonProperty(required = true) String instrument,
        @JsonProperty(required = true) int respondents,
        @JsonProperty(required = true) ValueStatistics raw,
        @JsonProperty(required = true) ValueStatistics centred,
        @JsonProperty(required = true) double[] alpha,
        @JsonProperty(required = true) List<ScoreDistribution> valueScores,
        @JsonProperty(required = true) Map<String, double[]> itemShares) {

    public HumanReference {
        valueScores = List.copyOf(valueScores);
        itemShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(itemShares));
    }

    /**
     * An empirical distribution function: the distinct scores in increasing order and the share of
     * people at or below each.
     */
    public record ScoreDistribution(
            @JsonProperty(required = true) double[] scores,
            @JsonProperty(required = true) double[] cumulative) {

        /** F(x): the share at or below x. */
        public double at(double x) {
            double f = 0;
            for (int i = 0; i < scores.length && scores[i] <= x + 1e-9; i++) {
                f = cumulative[i];
            }
            return f;
        }
    }
}
