package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.valuesim.core.math.StandardNormal;

class ValueRuleAmountTest {

    static int exact(double u, int lowest, int highest) {
        return (int) Math.round(lowest + StandardNormal.cdf(u) * (highest - lowest));
    }

    @Test
    void aNumericMovesAmountIsTheOneTheExactCdfGives() {
        ValueRule rule = new ValueRule(1, null);
        SplittableRandom random = new SplittableRandom(3);
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        int[][] ranges = {{0, 10}, {0, 1}, {5, 25}, {0, 100}, {3, 3}};
        for (int[] r : ranges) {
            for (int i = 0; i < 300_000; i++) {
                double u = random.nextGaussian() * 2;
                assertEquals(exact(u, r[0], r[1]), rule.amount(u, r[0], r[1]), "u = " + u);
            }
            // right at and around every step, inside and just outside the margin
            for (int k = 0; k < r[1] - r[0]; k++) {
                double step = normal.inverseCumulativeProbability((k + 0.5) / (r[1] - r[0]));
                for (double d : new double[] {0, 1e-12, -1e-12, 1e-7, -1e-7, ValueRule.STEP_MARGIN, -ValueRule.STEP_MARGIN,
                    2e-6, -2e-6, 1e-3, -1e-3}) {
                    double u = step + d;
                    assertEquals(exact(u, r[0], r[1]), rule.amount(u, r[0], r[1]), "u = " + u);
                    assertEquals(exact(Math.nextUp(u), r[0], r[1]), rule.amount(Math.nextUp(u), r[0], r[1]));
                }
            }
            for (double u : new double[] {-50, 50, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}) {
                assertEquals(exact(u, r[0], r[1]), rule.amount(u, r[0], r[1]), "u = " + u);
            }
        }
    }
}
