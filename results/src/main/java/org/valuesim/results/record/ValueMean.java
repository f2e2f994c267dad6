package org.valuesim.results.record;

/**
 * One value's mean score, simulated and human (raw, on the answer scale, and centred), with SDs and 95% intervals;
 * the human parts are null without a comparable reference, the KS parts without the same instrument.
 *
 * @param ksD two-sample Kolmogorov-Smirnov distance of the raw value scores from the human ones
 * @param ksP its asymptotic p-value (conservative for these discrete scores)
 */
public record ValueMean(double simulated, double simulatedSd, Interval simulatedCi95, double simulatedCentred,
                        Double human, Double humanSd, Interval humanCi95, Double humanCentred, Double difference,
                        Double sdDifference, Double ksD, Double ksP) {
}
