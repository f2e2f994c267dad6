package org.valuesim.results.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Hubert and Arabie's (1987) randomisation test of hypothesised order relations (RTHOR / RANDALL) for
 * a circular order: variables i and j at circular distance d(i,j) = min(|i-j|, n-|i-j|) are predicted
 * to correlate more than a pair at a greater distance. For n = 10 there are 800 such predictions, for
 * n = 6 there are 72. CI = (A - D) / (A + D + T) over the predictions met (A), violated (D) and tied (T).
 * p is the share of relabellings of the variables whose CI is at least the observed one. When the
 * permutation budget covers all n! relabellings they are each tried once and p is exact, as in
 * RANDALL (the identity among them); otherwise that many random relabellings are drawn and the
 * observed labelling is counted too, so p is never 0.
 *
 * @param ci           correspondence index in [-1, 1]
 * @param p            permutation p-value
 * @param predictions  number of order predictions
 * @param agreements   predictions met (A)
 * @param ties         predictions whose two correlations are equal (T)
 * @param permutations relabellings tried: n! when exact, else the random draws
 * @param exact        whether every relabelling was enumerated
 */
public record Rthor(double ci, double p, int predictions, int agreements, int ties, long permutations,
                    boolean exact) {

    /** Predictions violated (D). */
    public int disagreements() {
        return predictions - agreements - ties;
    }

    /**
     * Tests the matrix's variables in index order as points on a circle.
     *
     * @param permutations the most relabellings to try; at least n! means all of them, exactly
     */
    public static Rthor circular(double[][] correlation, int permutations, long seed) {
        int n = correlation.length;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
        }
        Order order = new Order(n);
        int[] counts = order.count(correlation, labels);
        int observed = counts[0] - counts[1];
        Relabelled ranked = Relabelled.of(order, correlation);
        ToIntFunction<int[]> difference = ranked != null ? ranked::difference : l -> {
            int[] c = order.count(correlation, l);
            return c[0] - c[1];
        };
        int predictions = order.near.length;
        int ties = predictions - counts[0] - counts[1];
        double ci = observed / (double) predictions;
        long all = factorial(n);
        if (all <= permutations) {
            long atLeast = 0;
            do {
                if (difference.applyAsInt(labels) >= observed) {
                    atLeast++;
                }
            } while (nextPermutation(labels));
            return new Rthor(ci, atLeast / (double) all, predictions, counts[0], ties, all, true);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int atLeast = 1;
        for (int k = 0; k < permutations; k++) {
            shuffle(labels, random);
            if (difference.applyAsInt(labels) >= observed) {
                atLeast++;
            }
        }
        return new Rthor(ci, atLeast / (permutations + 1.0), predictions, counts[0], ties, permutations, false);
    }

    /**
     * The correspondence index alone (no permutation test) of n variables in index order on a circle, for computing it
     * on many matrices (bootstrap resamples); safe to share between threads.
     */
    public static ToDoubleFunction<double[][]> correspondenceIndex(int n) {
        Order order = new Order(n);
        int[] labels = java.util.stream.IntStream.range(0, n).toArray();
        return r -> {
            int[] counts = order.count(r, labels, new double[order.pairs.length]);
            return (counts[0] - counts[1]) / (double) order.near.length;
        };
    }

    /** Each prediction as {i, j, k, l}: r(i,j) is predicted above r(k,l). */
    static int[][] predictions(int n) {
        Order order = new Order(n);
        int[][] out = new int[order.near.length][];
        for (int p = 0; p < out.length; p++) {
            int[] near = order.pairs[order.near[p]];
            int[] far = order.pairs[order.far[p]];
            out[p] = new int[] {near[0], near[1], far[0], far[1]};
        }
        return out;
    }

    /**
     * The circular order's predictions as indices into its list of variable pairs, so that a relabelling
     * reads each correlation once and then compares within a small array.
     */
    static final class Order {
        final int n;
        final int[][] pairs;
        final int[] near;
        final int[] far;
        private final double[] values;

        Order(int n) {
            this.n = n;
            List<int[]> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    list.add(new int[] {i, j, Math.min(j - i, n - (j - i))});
                }
            }
            pairs = list.toArray(int[][]::new);
            List<int[]> predicted = new ArrayList<>();
            for (int a = 0; a < pairs.length; a++) {
                for (int b = 0; b < pairs.length; b++) {
                    if (pairs[a][2] < pairs[b][2]) {
                        predicted.add(new int[] {a, b});
                    }
                }
            }
            near = predicted.stream().mapToInt(p -> p[0]).toArray();
            far = predicted.stream().mapToInt(p -> p[1]).toArray();
            values = new double[pairs.length];
        }

        /** {agreements, disagreements} with circle position v holding variable labels[v]. */
        int[] count(double[][] r, int[] labels) {
            return count(r, labels, values);
        }

        /** The same, reading the correlations into the caller's buffer. */
        int[] count(double[][] r, int[] labels, double[] values) {
            for (int p = 0; p < pairs.length; p++) {
                values[p] = r[labels[pairs[p][0]]][labels[pairs[p][1]]];
            }
            // branch-free: the order of two correlations from a random relabelling is a coin toss
            int agree = 0;
            int disagree = 0;
            for (int p = 0; p < near.length; p++) {
                double a = values[near[p]];
                double b = values[far[p]];
                agree += a > b ? 1 : 0;
                disagree += a < b ? 1 : 0;
            }
            return new int[] {agree, disagree};
        }

        /** The number of distance classes: 1 to n/2. */
        int classes() {
            return n / 2;
        }
    }

    /**
     * A - D of any relabelling of one matrix, counted from the ranks of its correlations instead of prediction by
     * prediction: a relabelling only moves the same n(n-1) correlations between the circle's pairs, so they are sorted
     * once, and a relabelling is then one sweep up that order, in which each correlation is compared at once with
     * every smaller one held by a pair of another distance class (O(n^3) per relabelling instead of O(n^4)). Gives
     * exactly what {@link Order#count} gives (tested); used for the thousands of relabellings of a permutation test.
     */
    static final class Relabelled {
        private final Order order;
        /** Rank of the correlation r[i][j] in ascending order, at i * n + j (i != j). */
        private final int[] rank;
        /** For each rank, one past the last rank of equal correlation (ties share a group). */
        private final int[] tieEnd;
        /** Each circle pair's distance class, 1 to n/2. */
        private final int[] pairClass;
        /** The class of the circle pair holding each rank in the relabelling being counted; 0 for none. */
        private final int[] classAtRank;
        /** Per class c: the smaller correlations seen so far in classes above c, minus those in classes below c. */
        private final int[] score;

        private Relabelled(Order order, int[] rank, int[] tieEnd) {
            this.order = order;
            this.rank = rank;
            this.tieEnd = tieEnd;
            this.pairClass = Arrays.stream(order.pairs).mapToInt(p -> p[2]).toArray();
            this.classAtRank = new int[tieEnd.length];
            this.score = new int[order.classes() + 1];
        }

        /** The ranks of the matrix's correlations off the diagonal; null when one is NaN (it has no rank). */
        static Relabelled of(Order order, double[][] r) {
            int n = order.n;
            List<Integer> cells = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        if (Double.isNaN(r[i][j])) {
                            return null;
                        }
                        cells.add(i * n + j);
                    }
                }
            }
            // -0.0 sorts just below 0.0 and == makes them one tie, as the comparisons of count do
            cells.sort((a, b) -> Double.compare(r[a / n][a % n], r[b / n][b % n]));
            int[] rank = new int[n * n];
            int[] tieEnd = new int[cells.size()];
            for (int k = 0; k < cells.size(); k++) {
                rank[cells.get(k)] = k;
            }
            for (int k = cells.size() - 1; k >= 0; k--) {
                int cell = cells.get(k);
                boolean tiedWithNext = k + 1 < cells.size()
                        && r[cell / n][cell % n] == r[cells.get(k + 1) / n][cells.get(k + 1) % n];
                tieEnd[k] = tiedWithNext ? tieEnd[k + 1] : k + 1;
            }
            return new Relabelled(order, rank, tieEnd);
        }

        /** Agreements minus disagreements with circle position v holding variable labels[v]. */
        int difference(int[] labels) {
            int n = order.n;
            Arrays.fill(classAtRank, 0);
            Arrays.fill(score, 0);
            int[][] pairs = order.pairs;
            for (int p = 0; p < pairs.length; p++) {
                classAtRank[rank[labels[pairs[p][0]] * n + labels[pairs[p][1]]]] = pairClass[p];
            }
            int classes = score.length - 1;
            int difference = 0;
            for (int k = 0; k < classAtRank.length; ) {
                int end = tieEnd[k];
                // a correlation is compared with the smaller ones only, not with its ties: count the group, then add it
                for (int q = k; q < end; q++) {
                    int c = classAtRank[q];
                    if (c != 0) {
                        difference += score[c];
                    }
                }
                for (int q = k; q < end; q++) {
                    int c = classAtRank[q];
                    if (c != 0) {
                        // a nearer pair above a smaller farther one meets its prediction; a farther one violates it
                        for (int below = 1; below < c; below++) {
                            score[below]++;
                        }
                        for (int above = c + 1; above <= classes; above++) {
                            score[above]--;
                        }
                    }
                }
                k = end;
            }
            return difference;
        }
    }

    /** n!, or Long.MAX_VALUE once it no longer fits. */
    private static long factorial(int n) {
        long f = 1;
        for (int i = 2; i <= n; i++) {
            if (f > Long.MAX_VALUE / i) {
                return Long.MAX_VALUE;
            }
            f *= i;
        }
        return f;
    }

    /** Steps a to its next permutation in lexicographic order; false after the last. */
    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        swap(a, i, j);
        for (int lo = i + 1, hi = a.length - 1; lo < hi; lo++, hi--) {
            swap(a, lo, hi);
        }
        return true;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            swap(a, i, random.nextInt(i + 1));
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
