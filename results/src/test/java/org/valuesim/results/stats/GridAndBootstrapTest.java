package org.valuesim.results.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

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
}
