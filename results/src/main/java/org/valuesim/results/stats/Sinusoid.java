package org.valuesim.results.stats;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Structural summary method (SSM): the least-squares fit of y(theta) = e + a cos(theta - d) to values
 * at angles around the circle (Gurtman 1992; Zimmermann and Wright 2017).
 *
 * @param elevation    e, the mean level
 * @param amplitude    a >= 0, how strongly the profile peaks
 * @param displacement d in degrees [0, 360), where it peaks
 * @param rSquared     share of the profile's variance the sinusoid explains
 */
public record Sinusoid(double elevation, double amplitude, double displacement, double rSquared) {

    public static Sinusoid fit(double[] anglesDegrees, double[] values) {
        int n = values.length;
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double t = Math.toRadians(anglesDegrees[i]);
            x[i][0] = Math.cos(t);
            x[i][1] = Math.sin(t);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(values.clone(), x);
        double[] beta = ols.estimateRegressionParameters();
        double amplitude = Math.hypot(beta[1], beta[2]);
        double displacement = Math.toDegrees(Math.atan2(beta[2], beta[1]));
        if (displacement < 0) {
            displacement += 360;
        }
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        double total = 0;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double predicted = beta[0] + beta[1] * x[i][0] + beta[2] * x[i][1];
            residual += (values[i] - predicted) * (values[i] - predicted);
            total += (values[i] - mean) * (values[i] - mean);
        }
        return new Sinusoid(beta[0], amplitude, displacement, total == 0 ? 1 : 1 - residual / total);
    }
}
