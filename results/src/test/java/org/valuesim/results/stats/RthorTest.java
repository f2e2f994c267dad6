package org.valuesim.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(7, result.agreements());
        assertEquals(1, result.ties());
        assertEquals(0, result.disagreements());
    }

    /**
     * Hubert and Arabie (1987), Psychological Bulletin 102(1), p. 173-175, Table 1: Holland's six
     * types R, I, A, S, E, C on the Vocational Preference Inventory (2,433 women, Rounds et al. 1979),
     * printed as 1 - r. The paper reports 11 violations of the 72 circular order predictions (61
     * agreements, so CI = 50/72) and an exact p of 12/720 = 1/60 over all 6! relabellings.
     */
    @Test
    void hubertAndArabiesWorkedExampleGivesItsPublishedCountsCiAndP() {
        double[][] dissimilarity = {
            {0.00, 0.46, 0.64, 0.70, 0.57, 0.71},
            {0.46, 0.00, 0.56, 0.68, 0.74, 0.92},
            {0.64, 0.56, 0.00, 0.60, 0.59, 0.98},
            {0.70, 0.68, 0.60, 0.00, 0.54, 0.80},
            {0.57, 0.74, 0.59, 0.54, 0.00, 0.48},
            {0.71, 0.92, 0.98, 0.80, 0.48, 0.00}};
        double[][] r = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                r[i][j] = 1 - dissimilarity[i][j];
            }
        }
        Rthor result = Rthor.circular(r, 10_000, 4);
        assertEquals(72, result.predictions());
        assertEquals(61, result.agreements());
        assertEquals(11, result.disagreements());
        assertEquals(0, result.ties());
        assertEquals(50 / 72.0, result.ci(), 1e-12);
        assertTrue(result.exact());
        assertEquals(720, result.permutations());
        assertEquals(12 / 720.0, result.p(), 1e-12);
    }

    /**
     * The three VPI correlation matrices shipped as RTHORR's example (inst/extdata/input.txt, lower
     * triangles) and the RANDALL results published for them (rthor documentation, identical to RTHORR):
     * agreements 59, 53, 56; ties 1, 1, 3; CI .652778, .486111, .597222; p .016667, .033333, .016667.
     */
    @Test
    void rthorrsExampleMatricesGiveTheirPublishedResults() {
        double[][][] lower = {
            {{}, {.62}, {.40, .62}, {.38, .55, .52}, {.44, .53, .53, .49}, {.61, .55, .43, .48, .74}},
            {{}, {.67}, {.47, .61}, {.51, .55, .45}, {.46, .51, .52, .47}, {.64, .53, .40, .42, .73}},
            {{}, {.58}, {.38, .65}, {.53, .67, .65}, {.43, .55, .55, .59}, {.67, .59, .47, .60, .76}}};
        int[] agreements = {59, 53, 56};
        int[] ties = {1, 1, 3};
        double[] ci = {0.652778, 0.486111, 0.597222};
        double[] p = {0.016667, 0.033333, 0.016667};
        for (int m = 0; m < lower.length; m++) {
            double[][] r = new double[6][6];
            for (int i = 0; i < 6; i++) {
                r[i][i] = 1;
                for (int j = 0; j < i; j++) {
                    r[i][j] = lower[m][i][j];
                    r[j][i] = lower[m][i][j];
                }
            }
            Rthor result = Rthor.circular(r, 720, 5);
            assertEquals(agreements[m], result.agreements(), "matrix " + (m + 1));
            assertEquals(ties[m], result.ties(), "matrix " + (m + 1));
            assertEquals(ci[m], result.ci(), 5e-7, "matrix " + (m + 1));
            assertEquals(p[m], result.p(), 5e-7, "matrix " + (m + 1));
        }
    }

    @Test
    void fewerPermutationsThanRelabellingsDrawsThemAtRandomAndCountsTheObservedOne() {
        Rthor result = Rthor.circular(circle(6), 719, 6);
        assertFalse(result.exact());
        assertEquals(719, result.permutations());
        // the 12 rotations and reflections of the hexagon reach CI = 1: about 12 of 720 draws
        assertTrue(result.p() > 1 / 720.0 && result.p() < 0.05, "p " + result.p());
    }

    /**
     * The ranked count of a relabelling gives exactly the prediction-by-prediction count's A - D: on matrices of 3 to
     * 12 variables with continuous correlations, many ties (one decimal), signed zeros, and unequal cells on either
     * side of the diagonal (a relabelling reads some pairs as r[j][i]).
     */
    @Test
    void rankedCountOfARelabellingEqualsCountingEveryPrediction() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        for (int n = 3; n <= 12; n++) {
            for (int kind = 0; kind < 4; kind++) {
                double[][] r = new double[n][n];
                for (int i = 0; i < n; i++) {
                    r[i][i] = 1;
                    for (int j = 0; j < i; j++) {
                        double x = random.nextDouble(-1, 1);
                        double y = switch (kind) {
                            case 0 -> x;
                            case 1 -> Math.round(x * 10) / 10.0;
                            case 2 -> random.nextBoolean() ? 0.0 : -0.0;
                            default -> random.nextDouble(-1, 1);
                        };
                        r[i][j] = kind == 1 || kind == 2 ? y : x;
                        r[j][i] = y;
                    }
                }
                Rthor.Order order = new Rthor.Order(n);
                Rthor.Relabelled ranked = Rthor.Relabelled.of(order, r);
                int[] labels = java.util.stream.IntStream.range(0, n).toArray();
                for (int k = 0; k < 300; k++) {
                    int[] counts = order.count(r, labels, new double[order.pairs.length]);
                    assertEquals(counts[0] - counts[1], ranked.difference(labels), "n " + n + ", kind " + kind);
                    for (int i = n - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = labels[i];
                        labels[i] = labels[j];
                        labels[j] = t;
                    }
                }
            }
        }
    }

    @Test
    void aMatrixWithNaNHasNoRanksAndIsCountedPredictionByPrediction() {
        double[][] r = circle(6);
        r[1][2] = Double.NaN;
        r[2][1] = Double.NaN;
        assertEquals(null, Rthor.Relabelled.of(new Rthor.Order(6), r));
        Rthor result = Rthor.circular(r, 720, 5);
        assertTrue(result.exact());
        assertEquals(72, result.predictions());
        // p: the share of all 720 relabellings whose A - D, each prediction compared on its own (a comparison with
        // NaN neither agrees nor disagrees), reaches the circle's own
        int[][] predictions = Rthor.predictions(6);
        int observed = difference(r, predictions, new int[] {0, 1, 2, 3, 4, 5});
        int[] atLeast = {0};
        permute(new int[] {0, 1, 2, 3, 4, 5}, 0,
                labels -> atLeast[0] += difference(r, predictions, labels) >= observed ? 1 : 0);
        assertEquals(atLeast[0] / 720.0, result.p());
        assertTrue(atLeast[0] > 1 && atLeast[0] < 720, "the p-value is neither trivial nor the identity's alone");
    }

    /** A - D with circle position v holding variable labels[v]. */
    private static int difference(double[][] r, int[][] predictions, int[] labels) {
        int difference = 0;
        for (int[] p : predictions) {
            double near = r[labels[p[0]]][labels[p[1]]];
            double far = r[labels[p[2]]][labels[p[3]]];
            difference += near > far ? 1 : near < far ? -1 : 0;
        }
        return difference;
    }

    /** Calls visit with every ordering of labels[from..] (by swaps, each once). */
    private static void permute(int[] labels, int from, java.util.function.Consumer<int[]> visit) {
        if (from == labels.length) {
            visit.accept(labels);
            return;
        }
        for (int i = from; i < labels.length; i++) {
            swap(labels, from, i);
            permute(labels, from + 1, visit);
            swap(labels, from, i);
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
