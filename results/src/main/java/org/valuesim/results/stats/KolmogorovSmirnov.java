package org.valuesim.results.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Two-sample Kolmogorov-Smirnov test of scores that lie on a grid, such as value scores (means of k items with whole
 * answers: multiples of 1/k). Both samples are snapped to whole grid steps before they are compared, so that two
 * equal scores are a tie whatever their stored decimals (a human score kept as 5.333333 and a simulated 16/3 alike).
 */
public final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /**
     * The largest gap between the two distribution functions.
     *
     * @param sample     the simulated scores
     * @param points     the other sample's distinct scores, increasing
     * @param cumulative the share of the other sample at or below each point
     * @param steps      grid steps per unit (the number of items averaged)
     */
    public static double distance(double[] sample, double[] points, double[] cumulative, int steps) {
        long[] simulated = Arrays.stream(sample).mapToLong(x -> Math.round(x * steps)).sorted().toArray();
        long[] human = Arrays.stream(points).mapToLong(x -> Math.round(x * steps)).toArray();
        double d = 0;
        int below = 0;
        int h = 0;
        double humanF = 0;
        // walk every point of either support in increasing order; at each, both functions include the point itself
        while (below < simulated.length || h < human.length) {
            long x = h == human.length || (below < simulated.length && simulated[below] < human[h])
                    ? simulated[below] : human[h];
            while (below < simulated.length && simulated[below] <= x) {
                below++;
            }
            while (h < human.length && human[h] <= x) {
                humanF = cumulative[h];
                h++;
            }
            d = Math.max(d, Math.abs(below / (double) simulated.length - humanF));
        }
        return d;
    }

    /** The asymptotic p-value of a distance between samples of n and m (conservative for discrete scores). */
    public static double p(double distance, int n, int m) {
        return new KolmogorovSmirnovTest().approximateP(distance, n, m);
    }
}
