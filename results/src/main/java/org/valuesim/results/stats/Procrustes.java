package org.valuesim.results.stats;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Orthogonal Procrustes with dilation and translation (Borg and Groenen 2005, ch. 20): the rotation
 * or reflection T, scale s and translation t minimising ||s X T + 1t' - Y||. Fit quality is the
 * congruence coefficient c = tr(Xf'Yc) / sqrt(tr(Xf'Xf) tr(Yc'Yc)) over centred configurations and the
 * alienation sqrt(1 - c^2).
 *
 * @param fitted the configuration X after the transformation, in Y's frame
 */
public record Procrustes(double[][] fitted, double[][] rotation, double scale, double[] translation,
                         double congruence, double alienation) {

    /** Fits configuration x to target y (same shape: points by dimensions). */
    public static Procrustes fit(double[][] x, double[][] y) {
        int n = x.length;
        int dims = x[0].length;
        RealMatrix xc = centre(MatrixUtils.createRealMatrix(x));
        RealMatrix yc = centre(MatrixUtils.createRealMatrix(y));
        SingularValueDecomposition svd = new SingularValueDecomposition(xc.transpose().multiply(yc));
        RealMatrix rotation = svd.getU().multiply(svd.getVT());
        double trace = 0;
        for (double s : svd.getSingularValues()) {
            trace += s;
        }
        double scale = trace / sumOfSquares(xc);
        RealMatrix fittedCentred = xc.multiply(rotation).scalarMultiply(scale);
        double[] yMean = means(y);
        double[] xMean = means(x);
        double[] translation = new double[dims];
        RealMatrix xMeanRow = MatrixUtils.createRowRealMatrix(xMean).multiply(rotation).scalarMultiply(scale);
        for (int d = 0; d < dims; d++) {
            translation[d] = yMean[d] - xMeanRow.getEntry(0, d);
        }
        double[][] fitted = new double[n][dims];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dims; d++) {
                fitted[i][d] = fittedCentred.getEntry(i, d) + yMean[d];
            }
        }
        double cross = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dims; d++) {
                cross += fittedCentred.getEntry(i, d) * yc.getEntry(i, d);
            }
        }
        double congruence = cross / Math.sqrt(sumOfSquares(fittedCentred) * sumOfSquares(yc));
        return new Procrustes(fitted, rotation.getData(), scale, translation, congruence,
                Math.sqrt(Math.max(0, 1 - congruence * congruence)));
    }

    /** Points of the theoretical circle at the given angles (degrees), radius 1. */
    public static double[][] circle(double[] anglesDegrees) {
        double[][] points = new double[anglesDegrees.length][2];
        for (int i = 0; i < anglesDegrees.length; i++) {
            points[i][0] = Math.cos(Math.toRadians(anglesDegrees[i]));
            points[i][1] = Math.sin(Math.toRadians(anglesDegrees[i]));
        }
        return points;
    }

    private static RealMatrix centre(RealMatrix m) {
        double[] mean = means(m.getData());
        RealMatrix c = m.copy();
        for (int i = 0; i < m.getRowDimension(); i++) {
            for (int d = 0; d < m.getColumnDimension(); d++) {
                c.addToEntry(i, d, -mean[d]);
            }
        }
        return c;
    }

    private static double[] means(double[][] x) {
        double[] mean = new double[x[0].length];
        for (double[] row : x) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += row[d] / x.length;
            }
        }
        return mean;
    }

    private static double sumOfSquares(RealMatrix m) {
        double f = m.getFrobeniusNorm();
        return f * f;
    }
}
