package org.valuesim.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReliabilityTest {

    @Test
    void cronbachAlphaByHand() {
        // item variances 1 and 7/3, variance of the sums 19/3: alpha = 2 (1 - (10/3) / (19/3)) = 18/19
        assertEquals(18.0 / 19, Reliability.cronbachAlpha(new double[][] {{1, 2}, {2, 3}, {3, 5}}), 1e-12);
        assertTrue(Double.isNaN(Reliability.cronbachAlpha(new double[][] {{1}, {2}})));
    }
}
