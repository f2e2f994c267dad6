package org.valuesim.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

    static final NormalDistribution COMMONS = new NormalDistribution(null, 0, 1);

    static void same(double x) {
        double expected = COMMONS.cumulativeProbability(x);
        double got = StandardNormal.cdf(x);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
                () -> "cdf(" + x + "): Commons Math " + expected + ", StandardNormal " + got);
    }

    @Test
    void bitForBitCommonsMathsValueOnMillionsOfPoints() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 1_000_000; i++) {
            same(random.nextDouble(-9, 9));
            same(random.nextGaussian() * 2);
        }
        for (int i = 0; i < 100_000; i++) {
            same(random.nextDouble(-45, 45));
        }
    }

    @Test
    void bitForBitAtTheEdgesOfEachBranch() {
        double seriesEdge = Math.sqrt(1.5) * Math.sqrt(2);
        double[] edges = {0, -0.0, 40, -40, 40 * Math.sqrt(2), -40 * Math.sqrt(2), seriesEdge, -seriesEdge, 1e-300,
            -1e-300, Double.MIN_VALUE, 1e-8, -1e-8, 38.5, -38.5, 56.6, -56.6, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double x : edges) {
            same(x);
            same(Math.nextUp(x));
            same(Math.nextDown(x));
        }
    }
}
