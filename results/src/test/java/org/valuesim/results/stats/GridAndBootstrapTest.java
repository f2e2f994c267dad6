package org.valuesim.results.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridAndBootstrapTest {

    @Test
    void kolmogorovSmirnovCountsEqualGridScoresAsTiesWhateverTheirDecimals() {
        // three-item value scores: 4, 13/3, 13/3, 14/3, 5 against a human distribution stored to 6 decimals
        double[] simulated = {4, 13 / 3.0, 13 / 3.0, 14 / 3.0, 5};
        double[] human = {4, 4.333333, 4.666667, 5};
        double[] cumulative = {0.25, 0.5, 0.75, 1};
        // by hand: F_sim - F_human = 0.2 - 0.25, 0.6 - 0.5, 0.8 - 0.75, 1 - 1 at 12, 13, 14, 15 thirds; D = 0.1
        // (comparing the stored decimals, 13/3 > 4.333333 and D came out 0.3)
        assertEquals(0.1, KolmogorovSmirnov.distance(simulated, human, cumulative, 3), 1e-12);
        assertEquals(0, KolmogorovSmirnov.distance(new double[] {4, 13 / 3.0, 14 / 3.0, 5}, human, cumulative, 3), 1e-12);
        // a sample below the human support, and one spread over both
        assertEquals(1, KolmogorovSmirnov.distance(new double[] {1, 2}, human, cumulative, 3), 1e-12);
        assertEquals(0.5, KolmogorovSmirnov.distance(new double[] {1, 5}, human, cumulative, 3), 1e-12);
    }

    @Test
    void theBootstrapIntervalIsTheQuantilesShiftedSoThatTheMedianSitsOnTheEstimate() {
        double[][] stats = new double[101][];
        for (int k = 0; k <= 100; k++) {
            stats[k] = new double[] {k / 200.0, Double.NaN};
        }
        // median 0.25, estimate 0.3: the 2.5% and 97.5% quantiles 0.0125 and 0.4875 move up by 0.05
        assertArrayEquals(new double[] {0.0625, 0.5375}, CorrelationBootstrap.interval(stats, 0, 0.3), 1e-12);
        assertArrayEquals(new double[] {-1, -0.7125}, CorrelationBootstrap.interval(stats, 0, -0.95), 1e-12);
        assertNull(CorrelationBootstrap.interval(stats, 1, 0.3), "no defined resample, no interval");
    }

    /**
     * The packed column-by-column sums, carried from block to block, give the correlations of summing row by row into
     * arrays (the form before) to the bit: the same terms added in the same order, whatever the weights (0 included),
     * the buffers' contents from an earlier resample, and however many blocks the rows take (one; 2,500 rows: two full
     * blocks and a part).
     */
    @ParameterizedTest
    @ValueSource(ints = {300, 2_500})
    void resampledCorrelationsAreThoseOfSummingRowByRowToTheBit(int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int k = 10;
        double[] x = new double[n * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * (1 + i % k) + (i % 7 == 0 ? 1e-9 : 0);
        }
        double[] drawn = CorrelationBootstrap.block(k);
        double[] weighted = CorrelationBootstrap.block(k);
        java.util.Arrays.fill(drawn, 42);
        for (int resample = 0; resample < 20; resample++) {
            int[] counts = resample == 0 ? null : new int[n];
            if (counts != null) {
                for (int draw = 0; draw < n; draw++) {
                    counts[random.nextInt(n)]++;
                }
            }
            double[][] expected = rowByRow(x, k, counts);
            double[][] actual = CorrelationBootstrap.correlation(x, k, counts, drawn, weighted);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    assertEquals(Double.doubleToRawLongBits(expected[a][b]), Double.doubleToRawLongBits(actual[a][b]),
                            "resample " + resample + ", cell " + a + "," + b);
                }
            }
        }
    }

    /** The correlations as CorrelationBootstrap computed them before: every row added into the arrays in turn. */
    private static double[][] rowByRow(double[] x, int k, int[] counts) {
        int n = x.length / k;
        double[] sum = new double[k];
        double[] products = new double[k * k];
        for (int i = 0; i < n; i++) {
            int w = counts == null ? 1 : counts[i];
            if (w == 0) {
                continue;
            }
            int row = i * k;
            for (int a = 0; a < k; a++) {
                double wa = w * x[row + a];
                sum[a] += wa;
                for (int b = a; b < k; b++) {
                    products[a * k + b] += wa * x[row + b];
                }
            }
        }
        double[][] r = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double cov = products[a * k + b] - sum[a] * sum[b] / n;
                double va = products[a * k + a] - sum[a] * sum[a] / n;
                double vb = products[b * k + b] - sum[b] * sum[b] / n;
                r[a][b] = a == b ? 1 : cov / Math.sqrt(va * vb);
                r[b][a] = r[a][b];
            }
        }
        return r;
    }
}
