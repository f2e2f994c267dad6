package org.valuesim.results.stats;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.results.scoring.ValueScores;

/** Population statistics of value scores: raw means and SDs, and the centred correlation matrix. */
public final class ValueSummary {

    private ValueSummary() {
    }

    /**
     * Statistics over the respondents with every value scored.
     *
     * @param centred true for centred scores, false for raw
     */
    public static ValueStatistics of(List<ValueScores> scores, boolean centred) {
        double[][] rows = scores.stream().filter(ValueScores::complete)
                .map(s -> centred ? s.centred() : s.raw()).toArray(double[][]::new);
        int k = SchwartzValue.count();
        if (rows.length < 3) {
            throw new IllegalArgumentException("value statistics need at least 3 fully scored respondents, got "
                    + rows.length);
        }
        double[] means = new double[k];
        double[] sds = new double[k];
        for (int v = 0; v < k; v++) {
            double[] column = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][v];
            }
            means[v] = new Mean().evaluate(column);
            sds[v] = new StandardDeviation().evaluate(column);
        }
        double[][] correlation = new PearsonsCorrelation(rows).getCorrelationMatrix().getData();
        return new ValueStatistics(means, sds, correlation);
    }
}
