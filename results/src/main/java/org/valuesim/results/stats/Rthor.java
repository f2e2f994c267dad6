package org.valuesim.results.stats;

import java.util.SplittableRandom;

/**
 * Hubert and Arabie's randomisation test of hypothesised order relations (RTHOR / RANDALL) for a
 * circular order: variables i and j at circular distance d(i,j) = min(|i-j|, n-|i-j|) are predicted
 * to correlate more than a pair at a greater distance. For n = 10 there are 800 such predictions.
 * CI = (A - D) / (A + D + T) over the predictions met (A), violated (D) and tied (T); p is the share
 * of random relabellings of the variables whose CI is at least the observed one (the observed
 * labelling counted, so p is never 0).
 *
 * @param ci          correspondence index in [-1, 1]
 * @param p           permutation p-value
 * @param predictions number of order predictions
 */
public record Rthor(double ci, double p, int predictions, int permutations) {

    /** Tests the matrix's variables in index order as points on a circle. */
    public static Rthor circular(double[][] correlation, int permutations, long seed) {
        int n = correlation.length;
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        int[][] predictions = predictions(n);
        double observed = ci(correlation, identity, predictions);
        SplittableRandom random = new SplittableRandom(seed);
        int atLeast = 1;
        int[] labels = identity.clone();
        for (int k = 0; k < permutations; k++) {
            shuffle(labels, random);
            if (ci(correlation, labels, predictions) >= observed - 1e-12) {
                atLeast++;
            }
        }
        return new Rthor(observed, atLeast / (permutations + 1.0), predictions.length, permutations);
    }

    /** Each prediction as {i, j, k, l}: r(i,j) is predicted above r(k,l). */
    static int[][] predictions(int n) {
        int cells = n * (n - 1) / 2;
        int[][] pairs = new int[cells][];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs[c++] = new int[] {i, j, Math.min(j - i, n - (j - i))};
            }
        }
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int[] near : pairs) {
            for (int[] far : pairs) {
                if (near[2] < far[2]) {
                    out.add(new int[] {near[0], near[1], far[0], far[1]});
                }
            }
        }
        return out.toArray(int[][]::new);
    }

    /** CI with variable v placed at circle position labels[v]'s inverse: r is read through the relabelling. */
    private static double ci(double[][] r, int[] labels, int[][] predictions) {
        int agree = 0;
        int disagree = 0;
        int ties = 0;
        for (int[] p : predictions) {
            double near = r[labels[p[0]]][labels[p[1]]];
            double far = r[labels[p[2]]][labels[p[3]]];
            if (near > far) {
                agree++;
            } else if (near < far) {
                disagree++;
            } else {
                ties++;
            }
        }
        return (agree - disagree) / (double) (agree + disagree + ties);
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
