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
        double[][] columns = new double[answers[0].length][answers.length];
        for (int r = 0; r < answers.length; r++) {
            for (int i = 0; i < columns.length; i++) {
                columns[i][r] = answers[r][i];
            }
        }
        return cronbachAlphaOfColumns(columns);
    }

    /** As {@link #cronbachAlpha}, from each item's answers (columns[item][respondent]). */
    public static double cronbachAlphaOfColumns(double[][] columns) {
        if (columns.length < 2 || columns[0].length < 2) {
            return Double.NaN;
        }
        int k = columns.length;
        double itemVariances = 0;
        for (double[] column : columns) {
            itemVariances += new Variance().evaluate(column);
        }
        double[] sums = new double[columns[0].length];
        for (double[] column : columns) {
            for (int r = 0; r < sums.length; r++) {
                sums[r] += column[r];
            }
        }
        double total = new Variance().evaluate(sums);
        return total == 0 ? Double.NaN : k / (k - 1.0) * (1 - itemVariances / total);
    }
}
