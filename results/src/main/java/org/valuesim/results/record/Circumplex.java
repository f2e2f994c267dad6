package org.valuesim.results.record;

import java.util.List;

/**
 * The circular structure of the centred value correlations: RTHOR's correspondence index and p against the circular
 * order, Procrustes fit of the MDS configuration to the theoretical circle, the same for the human reference, and the
 * plotted coordinates.
 *
 * @param rthorCiCi95        bootstrap 95% interval of rthorCi (resampling personas), null when not computed
 * @param rthorPermutations  relabellings behind rthorP (n! when exact)
 * @param bootstrapResamples resamples behind rthorCiCi95
 */
public record Circumplex(String scores, double rthorCi, Interval rthorCiCi95, double rthorP, int rthorPredictions,
                         long rthorPermutations, boolean rthorExact, Integer bootstrapResamples,
                         double procrustesCongruence, double procrustesAlienation, Double humanRthorCi,
                         Double humanRthorP, Double humanProcrustesCongruence, Double humanToSimulatedCongruence,
                         Mds mds) {

    /** Two-dimensional coordinates of the values (rows in {@code values} order): the circle, simulated, human. */
    public record Mds(List<String> values, double[][] theoretical, double[][] simulated, double[][] human) {
    }
}
