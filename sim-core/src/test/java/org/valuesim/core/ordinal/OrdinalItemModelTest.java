package org.valuesim.core.ordinal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrdinalItemModelTest {

    @Test
    void oneThresholdAtTheMeanSplitsEvenly() {
        OrdinalItemModel model = new OrdinalItemModel(new double[] {0}, 1);
        assertArrayEquals(new double[] {0.5, 0.5}, model.distribution(0), 1e-12);
    }

    @Test
    void categoryProbabilitiesAreNormalAreasBetweenThresholds() {
        OrdinalItemModel model = new OrdinalItemModel(new double[] {-1, 1}, 1);
        double[] p = model.distribution(0);
        // Phi(-1) = 0.158655, Phi(1) - Phi(-1) = 0.682689
        assertArrayEquals(new double[] {0.158655, 0.682689, 0.158655}, p, 1e-6);
    }

    @Test
    void higherLatentScoreMovesMassUp() {
        OrdinalItemModel model = new OrdinalItemModel(new double[] {1.5, 2.5, 3.5, 4.5, 5.5}, 0.8);
        double previous = 0;
        for (double z = 1; z <= 6; z += 0.5) {
            double[] p = model.distribution(z);
            double sum = 0;
            double mean = 0;
            for (int k = 0; k < p.length; k++) {
                assertTrue(p[k] >= 0);
                sum += p[k];
                mean += (k + 1) * p[k];
            }
            assertEquals(1, sum, 1e-12);
            assertTrue(mean > previous);
            previous = mean;
        }
    }

    @Test
    void rejectsDecreasingThresholdsAndBadNoise() {
        assertThrows(IllegalArgumentException.class, () -> new OrdinalItemModel(new double[] {2, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new OrdinalItemModel(new double[] {1, 2}, 0));
    }
}
