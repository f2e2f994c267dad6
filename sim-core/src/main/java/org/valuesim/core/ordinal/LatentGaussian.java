package org.valuesim.core.ordinal;

import java.util.SplittableRandom;
import org.valuesim.core.random.Streams;
import org.valuesim.core.values.ValueStatistics;

/**
 * A multivariate normal belief about a person's latent dimensions (the ten values, or the semantic respondent's
 * elevation and position on the value circle): a prior, or a posterior after some answers.
 *
 * @param mean       the mean of each dimension
 * @param covariance their covariance (symmetric, positive semi-definite)
 */
public record LatentGaussian(double[] mean, double[][] covariance) {

    public LatentGaussian {
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("a " + mean.length + "-dimensional belief needs a " + mean.length + " x "
                    + mean.length + " covariance");
        }
        mean = mean.clone();
        double[][] copy = new double[covariance.length][];
        for (int i = 0; i < copy.length; i++) {
            if (covariance[i].length != mean.length) {
                throw new IllegalArgumentException("the covariance must be square");
            }
            copy[i] = covariance[i].clone();
        }
        covariance = copy;
    }

    /** The population distribution of latent value scores (a preset's {@code latent}). */
    public static LatentGaussian of(ValueStatistics population) {
        return new LatentGaussian(population.means(), population.covariance());
    }

    /** Independent standard normal dimensions. */
    public static LatentGaussian standard(int dimensions) {
        double[][] identity = new double[dimensions][dimensions];
        for (int i = 0; i < dimensions; i++) {
            identity[i][i] = 1;
        }
        return new LatentGaussian(new double[dimensions], identity);
    }

    /** A belief with no uncertainty left: the person is at this point. */
    public static LatentGaussian point(double[] at) {
        return new LatentGaussian(at, new double[at.length][at.length]);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] covariance() {
        double[][] copy = new double[covariance.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = covariance[i].clone();
        }
        return copy;
    }

    public int dimensions() {
        return mean.length;
    }

    /** The mean of the projection l'x. */
    public double mean(double[] loading) {
        return dot(loading, mean);
    }

    /** The variance of the projection l'x. */
    public double variance(double[] loading) {
        return dot(loading, times(loading));
    }

    /** The answer distribution of an item whose latent score is l'x: the posterior predictive. */
    public double[] predictive(double[] loading, OrdinalItemModel model) {
        return model.distribution(mean(loading), variance(loading));
    }

    /** A draw of the latent dimensions (mean + Cholesky factor x standard normals from the stream). */
    public double[] draw(SplittableRandom random) {
        int d = mean.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = Streams.gaussian(random);
        }
        double[][] factor = cholesky();
        double[] x = mean.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                x[i] += factor[i][j] * z[j];
            }
        }
        return x;
    }

    /**
     * The lower Cholesky factor of the covariance. Written out because Commons Math's refuses semi-definite
     * matrices, and a belief may have dimensions with no variance left (a point); those get none.
     */
    private double[][] cholesky() {
        int d = mean.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = covariance[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = s > 1e-15 ? Math.sqrt(s) : 0;
                } else {
                    l[i][j] = l[j][j] > 0 ? s / l[j][j] : 0;
                }
            }
        }
        return l;
    }

    double[] times(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = dot(covariance[i], v);
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
