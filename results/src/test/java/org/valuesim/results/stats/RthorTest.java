package org.valuesim.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

public class RthorTest {

    /** Correlations that fall with circular distance: cos of the angle between points on a circle. */
    public static double[][] circle(int n) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[i][j] = Math.cos(2 * Math.PI * (i - j) / n);
            }
        }
        return r;
    }

    @Test
    void tenPointCircleHas800PredictionsAndEightPointCircle288() {
        assertEquals(800, Rthor.predictions(10).length);
        assertEquals(288, Rthor.predictions(8).length);
    }

    @Test
    void aPerfectCircularMatrixGivesCiOneAndATinyP() {
        Rthor result = Rthor.circular(circle(10), 9999, 1);
        assertEquals(1.0, result.ci(), 1e-12);
        // only relabellings that keep the circle (20 of 10! = 3,628,800) reach CI = 1
        assertTrue(result.p() <= 0.001, "p " + result.p());
        assertEquals(800, result.predictions());
    }

    @Test
    void reversingTheOrderGivesCiMinusOneAndPNearOne() {
        // a matrix where correlations rise with circular distance violates every prediction
        double[][] r = circle(10);
        for (double[] row : r) {
            for (int j = 0; j < row.length; j++) {
                row[j] = -row[j];
            }
        }
        Rthor result = Rthor.circular(r, 999, 2);
        assertEquals(-1.0, result.ci(), 1e-12);
        assertTrue(result.p() > 0.99, "p " + result.p());
    }

    @Test
    void tiesCountInTheDenominatorByHand() {
        // n = 4: distances d(0,1)=d(1,2)=d(2,3)=d(0,3)=1, d(0,2)=d(1,3)=2: 4 x 2 = 8 predictions.
        // r = 0.5 on adjacent pairs except r(2,3) = 0.1; r(0,2) = 0.1, r(1,3) = -0.2.
        // predictions with r(2,3) = 0.1 as the near pair: vs 0.1 a tie, vs -0.2 met; the other six are met.
        double[][] r = {{1, 0.5, 0.1, 0.5}, {0.5, 1, 0.5, -0.2}, {0.1, 0.5, 1, 0.1}, {0.5, -0.2, 0.1, 1}};
        Rthor result = Rthor.circular(r, 0, 3);
        assertEquals(8, result.predictions());
        assertEquals((7 - 0) / 8.0, result.ci(), 1e-12);
        assertEquals(1.0, result.p(), 1e-12);
    }
}
