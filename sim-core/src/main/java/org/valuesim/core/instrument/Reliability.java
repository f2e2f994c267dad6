package org.valuesim.core.instrument;

import org.apache.commons.math3.stat.descriptive.moment.Variance;

/** Internal consistency of a scale. */
public final class Reliability {

    private Reliability() {
    }

    /**
     * Cronbach's alpha = k/(k-1) (1 - sum of item variances / variance of the sum) over respondents
     * (rows) and a scale's items (columns); NaN for fewer than two items or a constant sum.
     */
    public static double cronbachAlpha(double[][] answers) {
        if (answers.length < 2 || answers[0].length < 2) {
            return Double.NaN;
        }
        int k = answers[0].length;
        double itemVariances = 0;
        for (int i = 0; i < k; i++) {
            double[] column = new double[answers.length];
            for (int r = 0; r < answers.length; r++) {
                column[r] = answers[r][i];
            }
            itemVariances += new Variance().evaluate(column);
        }
        double[] sums = new double[answers.length];
        for (int r = 0; r < answers.length; r++) {
            for (double x : answers[r]) {
                sums[r] += x;
            }
        }
        double total = new Variance().evaluate(sums);
        return total == 0 ? Double.NaN : k / (k - 1.0) * (1 - itemVariances / total);
    }
}
