package org.valuesim.results.study;

import org.apache.commons.math3.distribution.TDistribution;
import org.valuesim.results.record.Interval;
import org.valuesim.results.write.Decimals;

/** Means across replicates with Student's t intervals, rounded as the results record rounds. */
final class Estimates {

    private Estimates() {
    }

    /** The mean, sample SD and t-based 95% interval of the values (no SD or interval for one value). */
    static StudySummary.Estimate of(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n < 2) {
            return new StudySummary.Estimate(n, round(mean), null, null);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new StudySummary.Estimate(n, round(mean), round(sd), new Interval(round(mean - half), round(mean + half)));
    }

    /** Six decimals, or six significant digits below 0.001 (small p-values), as the run summaries are rounded. */
    static double round(double x) {
        return x != 0 && Math.abs(x) < 0.001 ? Decimals.significant(x, 6) : Decimals.round(x, 6);
    }
}
