package org.valuesim.results.stats;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.results.scoring.PackedScores;

/** Population statistics of value scores: raw means and SDs, and the centred correlation matrix. */
public final class ValueSummary {

    private ValueSummary() {
    }

    /**
     * Statistics over the fully scored respondents. Each value's column is built in turn (never the whole matrix), and
     * each correlation is Commons Math's {@code PearsonsCorrelation} of the two columns, computed as it does (a
     * {@link SimpleRegression} of column i on column j &lt; i, fed in row order) but for all pairs in one pass over the
     * rows: the same bits as before, in memory that does not grow with the number of respondents beyond one column.
     *
     * @param centred true for centred scores, false for raw
     */
    public static ValueStatistics of(PackedScores scores, boolean centred) {
        int n = scores.size();
        int k = SchwartzValue.count();
        if (n < 3) {
            throw new IllegalArgumentException("value statistics need at least 3 fully scored respondents, got " + n);
        }
        double[] means = new double[k];
        double[] sds = new double[k];
        for (int v = 0; v < k; v++) {
            int value = v;
            double[] column = scores.column(s -> (centred ? s.centred() : s.raw())[value]);
            means[v] = new Mean().evaluate(column);
            sds[v] = new StandardDeviation().evaluate(column);
        }
        SimpleRegression[][] pairs = new SimpleRegression[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                pairs[i][j] = new SimpleRegression();
            }
        }
        for (int r = 0; r < n; r++) {
            var s = scores.get(r);
            double[] row = centred ? s.centred() : s.raw();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < i; j++) {
                    pairs[i][j].addData(row[i], row[j]);
                }
            }
        }
        double[][] correlation = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                correlation[i][j] = pairs[i][j].getR();
                correlation[j][i] = correlation[i][j];
            }
            correlation[i][i] = 1;
        }
        return new ValueStatistics(means, sds, correlation);
    }
}
