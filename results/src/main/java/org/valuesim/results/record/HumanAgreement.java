package org.valuesim.results.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Agreement of the simulated and human centred value correlations over the cells above the diagonal.
 *
 * @param pearsonRCi95       (pearson_r_ci95) bootstrap 95% interval of pearsonR (resampling personas), null when not computed
 * @param tuckerPhiCi95      the same for tuckerPhi
 * @param mantelPermutations relabellings behind mantelP
 * @param bootstrapResamples resamples behind the intervals
 */
public record HumanAgreement(String scores, int cells, double pearsonR,
                             @JsonProperty("pearson_r_ci95") Interval pearsonRCi95, double tuckerPhi,
                             Interval tuckerPhiCi95, double mantelP, long mantelPermutations,
                             Integer bootstrapResamples) {
}
