package org.valuesim.results.stats;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Mantel test of two symmetric matrices: Pearson r over the cells above the diagonal, and its
 * p-value as the share of simultaneous row-and-column permutations of the second matrix whose r is
 * at least the observed one (the observed arrangement counted).
 */
public record Mantel(double r, double p, int permutations) {

    public static Mantel test(double[][] a, double[][] b, int permutations, long seed) {
        double[] x = MatrixAgreement.upperTriangle(a);
        double observed = new PearsonsCorrelation().correlation(x, MatrixAgreement.upperTriangle(b));
        int n = b.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] permuted = new double[n][n];
        int atLeast = 1;
        for (int k = 0; k < permutations; k++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    permuted[i][j] = b[order[i]][order[j]];
                }
            }
            double r = new PearsonsCorrelation().correlation(x, MatrixAgreement.upperTriangle(permuted));
            if (r >= observed - 1e-12) {
                atLeast++;
            }
        }
        return new Mantel(observed, atLeast / (permutations + 1.0), permutations);
    }
}
