package org.valuesim.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DominantValueTest {

    @Test
    void aLeadOfAtLeastTheMarginIsDominantATieOrSmallLeadIsNot() {
        double[] scores = {0.5, 0, 0, 0, 0, 0, 0, 0, 0.25, 0};
        assertEquals(SchwartzValue.SELF_DIRECTION, DominantValue.of(scores, 0.25).orElseThrow());
        assertTrue(DominantValue.of(scores, 0.3).isEmpty());
        double[] tie = {0.5, 0, 0, 0, 0, 0, 0, 0, 0.5, 0};
        assertTrue(DominantValue.of(tie, 0.25).isEmpty());
        double[] missing = {Double.NaN, 0, 0, 0, 0, 0, 0, 0, 1, 0};
        assertTrue(DominantValue.of(missing, 0.25).isEmpty());
    }

    @Test
    void centringSubtractsTheMean() {
        double[] c = DominantValue.centre(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(-4.5, c[0], 1e-12);
        assertEquals(4.5, c[9], 1e-12);
    }
}
