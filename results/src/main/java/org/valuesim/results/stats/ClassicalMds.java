package org.valuesim.results.stats;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Classical (Torgerson) multidimensional scaling: double-centre the squared dissimilarities,
 * B = -1/2 J D^2 J, and take the top eigenvectors scaled by the square roots of their eigenvalues.
 */
public final class ClassicalMds {

    private ClassicalMds() {
    }

    /** Dissimilarities 1 - r of a correlation matrix. */
    public static double[][] dissimilarities(double[][] correlation) {
        int n = correlation.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = i == j ? 0 : 1 - correlation[i][j];
            }
        }
        return d;
    }

    /** An n x dimensions configuration whose distances approximate the dissimilarities. */
    public static double[][] configuration(double[][] dissimilarities, int dimensions) {
        int n = dissimilarities.length;
        RealMatrix squared = MatrixUtils.createRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                squared.setEntry(i, j, dissimilarities[i][j] * dissimilarities[i][j]);
            }
        }
        RealMatrix centring = MatrixUtils.createRealIdentityMatrix(n)
                .subtract(MatrixUtils.createRealMatrix(n, n).scalarAdd(1.0 / n));
        RealMatrix b = centring.multiply(squared).multiply(centring).scalarMultiply(-0.5);
        b = b.add(b.transpose()).scalarMultiply(0.5);
        EigenDecomposition eigen = new EigenDecomposition(b);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[][] x = new double[n][dimensions];
        for (int d = 0; d < dimensions; d++) {
            double scale = Math.sqrt(Math.max(0, values[order[d]]));
            double[] vector = eigen.getEigenvector(order[d]).toArray();
            for (int i = 0; i < n; i++) {
                x[i][d] = vector[i] * scale;
            }
        }
        return x;
    }
}
