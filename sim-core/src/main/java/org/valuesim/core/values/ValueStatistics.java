package org.valuesim.core.values;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Means, standard deviations and the correlation matrix of the ten value scores of a population,
 * each array in {@link SchwartzValue} circular order.
 */
public record ValueStatistics(
        @JsonProperty(required = true) double[] means,
        @JsonProperty(required = true) double[] sds,
        @JsonProperty(required = true) double[][] correlation) {

    public ValueStatistics {
        int k = SchwartzValue.count();
        if (means.length != k || sds.length != k || correlation.length != k) {
            throw new IllegalArgumentException("value statistics need " + k + " means, SDs and correlation rows");
        }
        for (double[] row : correlation) {
            if (row.length != k) {
                throw new IllegalArgumentException("the correlation matrix must be " + k + " x " + k);
            }
        }
    }

    /** The covariance matrix implied by the SDs and correlations. */
    public double[][] covariance() {
        int k = means.length;
        double[][] cov = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cov[i][j] = correlation[i][j] * sds[i] * sds[j];
            }
        }
        return cov;
    }
}
