package org.valuesim.results.stats;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Agreement of two correlation matrices over their off-diagonal cells above the diagonal
 * (45 cells for ten values): Pearson's r and Tucker's congruence coefficient phi.
 */
public record MatrixAgreement(double pearsonR, double tuckerPhi, int cells) {

    public static MatrixAgreement of(double[][] a, double[][] b) {
        double[] x = upperTriangle(a);
        double[] y = upperTriangle(b);
        if (x.length != y.length) {
            throw new IllegalArgumentException("matrices differ in size");
        }
        return new MatrixAgreement(new PearsonsCorrelation().correlation(x, y), tuckerPhi(x, y), x.length);
    }

    /** Tucker's phi: sum(xy) / sqrt(sum(x^2) sum(y^2)), a correlation about zero rather than about the means. */
    public static double tuckerPhi(double[] x, double[] y) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }
        return xy / Math.sqrt(xx * yy);
    }

    /** The cells above the diagonal, row by row. */
    public static double[] upperTriangle(double[][] m) {
        int n = m.length;
        double[] cells = new double[n * (n - 1) / 2];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                cells[c++] = m[i][j];
            }
        }
        return cells;
    }
}
