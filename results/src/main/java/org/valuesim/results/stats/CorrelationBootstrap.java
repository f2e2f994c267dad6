package org.valuesim.results.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.valuesim.core.random.Streams;

/**
 * Bootstrap 95% intervals of the statistics of a population's centred value correlations: RTHOR's correspondence
 * index and, against a fixed human matrix, Pearson's r and Tucker's phi. Each resample draws the personas with
 * replacement from its own stream keyed by (seed, resample), so the intervals do not depend on how many threads
 * compute them.
 *
 * <p>A resample repeats some personas and drops others, so its correlations carry more sampling noise than the
 * sample's, and agreement indices computed on resamples run lower than the estimate (on the quickstart, Tucker's phi
 * is 0.992 and nearly every resample's is below it): the plain percentile interval would miss the estimate. The
 * interval is therefore the bootstrap distribution's 2.5% and 97.5% quantiles shifted so that its median sits on the
 * estimate: its spread and skew are the bootstrap's, its centre the sample's. Bounds are kept within [-1, 1].
 */
public final class CorrelationBootstrap {

    private static final String PURPOSE = "bootstrap";
    /**
     * Drawn rows packed at a time: the packed block (two buffers of BLOCK_ROWS * k doubles, 160 KiB at k = 10) stays in
     * the cache while each sum runs down it, and a worker's memory does not grow with the population.
     */
    static final int BLOCK_ROWS = 1_024;

    /**
     * {low, high} of each statistic, null where it was not computed (no human matrix) or too few resamples had a
     * defined value (a resample in which some value's scores do not vary has no correlations).
     */
    public record Intervals(double[] pearsonR, double[] tuckerPhi, double[] rthorCi, int resamples) {
    }

    private CorrelationBootstrap() {
    }

    /**
     * @param scores    each persona's centred scores (rows), values in circular order
     * @param human     the human correlation matrix, or null
     * @param resamples how many resamples
     */
    public static Intervals of(double[][] scores, double[][] human, int resamples, long seed) {
        int n = scores.length;
        int k = scores[0].length;
        double[] centred = centreColumns(scores);
        ToDoubleFunction<double[][]> rthor = Rthor.correspondenceIndex(k);
        double[] estimate = statistics(correlation(centred, k, null, block(k), block(k)), human, rthor);
        double[][] stats = new double[resamples][];
        // each worker takes every workers-th resample with one set of buffers; a resample's draws are its own stream's
        int workers = Math.max(1, Math.min(resamples, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, workers).parallel().forEach(worker -> {
            int[] counts = new int[n];
            double[] drawn = block(k);
            double[] weighted = block(k);
            for (int b = worker; b < resamples; b += workers) {
                Arrays.fill(counts, 0);
                SplittableRandom random = Streams.of(seed, PURPOSE, b, "personas");
                for (int draw = 0; draw < n; draw++) {
                    counts[random.nextInt(n)]++;
                }
                stats[b] = statistics(correlation(centred, k, counts, drawn, weighted), human, rthor);
            }
        });
        return new Intervals(human == null ? null : interval(stats, 0, estimate[0]),
                human == null ? null : interval(stats, 1, estimate[1]), interval(stats, 2, estimate[2]), resamples);
    }

    /** {Pearson r, Tucker's phi, RTHOR CI} of a correlation matrix; NaN where undefined or without a human matrix. */
    private static double[] statistics(double[][] r, double[][] human, ToDoubleFunction<double[][]> rthorCi) {
        boolean defined = finite(r);
        double rthor = defined ? rthorCi.applyAsDouble(r) : Double.NaN;
        if (human == null || !defined) {
            return new double[] {Double.NaN, Double.NaN, rthor};
        }
        MatrixAgreement agreement = MatrixAgreement.of(r, human);
        return new double[] {agreement.pearsonR(), agreement.tuckerPhi(), rthor};
    }

    /**
     * The 2.5% and 97.5% quantiles (linear between order statistics) of the defined values, shifted by the estimate
     * minus their median and kept within [-1, 1]; null when fewer than half the resamples are defined.
     */
    public static double[] interval(double[][] stats, int column, double estimate) {
        double[] values = Arrays.stream(stats).mapToDouble(s -> s[column]).filter(Double::isFinite).sorted().toArray();
        if (values.length < Math.max(2, stats.length / 2) || !Double.isFinite(estimate)) {
            return null;
        }
        double shift = estimate - quantile(values, 0.5);
        return new double[] {Math.max(-1, quantile(values, 0.025) + shift), Math.min(1, quantile(values, 0.975) + shift)};
    }

    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The scores minus each column's mean, row after row in one array, so that resampled sums lose no precision. */
    private static double[] centreColumns(double[][] scores) {
        int k = scores[0].length;
        double[] mean = new double[k];
        for (double[] row : scores) {
            for (int v = 0; v < k; v++) {
                mean[v] += row[v] / scores.length;
            }
        }
        double[] out = new double[scores.length * k];
        for (int i = 0; i < scores.length; i++) {
            for (int v = 0; v < k; v++) {
                out[i * k + v] = scores[i][v] - mean[v];
            }
        }
        return out;
    }

    /** A buffer for one block of packed rows. */
    static double[] block(int k) {
        return new double[BLOCK_ROWS * k];
    }

    /**
     * Pearson correlations of the k columns of x (rows in one array), each row weighted by how often the resample drew
     * it (null: the sample itself, each row once). The rows drawn are packed, as drawn and times their weight, into
     * the two buffers a block at a time (as many rows as the buffers hold); then each sum and cross product runs down
     * the block's packed columns in a local variable, carried on from the blocks before. Every sum adds the same
     * terms in the same order (row order, from +0.0) as summing row by row into arrays did, so the correlations are
     * the same to the bit, for less CPU.
     */
    static double[][] correlation(double[] x, int k, int[] counts, double[] drawn, double[] weighted) {
        int n = x.length / k;
        int capacity = Math.min(drawn.length, weighted.length) / k * k;
        double[] sum = new double[k];
        double[] products = new double[k * k];
        int i = 0;
        while (i < n) {
            int end = 0;
            for (; i < n && end < capacity; i++) {
                int w = counts == null ? 1 : counts[i];
                if (w == 0) {
                    continue;
                }
                int row = i * k;
                for (int a = 0; a < k; a++) {
                    drawn[end + a] = x[row + a];
                    weighted[end + a] = w * x[row + a];
                }
                end += k;
            }
            addBlock(drawn, weighted, end, k, sum, products);
        }
        double[][] r = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double cov = products[a * k + b] - sum[a] * sum[b] / n;
                double va = products[a * k + a] - sum[a] * sum[a] / n;
                double vb = products[b * k + b] - sum[b] * sum[b] / n;
                r[a][b] = a == b ? 1 : cov / Math.sqrt(va * vb);
                r[b][a] = r[a][b];
            }
        }
        return r;
    }

    /** Adds the packed rows below end to the running sums and cross products, column by column. */
    private static void addBlock(double[] drawn, double[] weighted, int end, int k, double[] sum, double[] products) {
        for (int a = 0; a < k; a++) {
            double s = sum[a];
            for (int p = a; p < end; p += k) {
                s += weighted[p];
            }
            sum[a] = s;
            for (int b = a; b < k; b++) {
                double product = products[a * k + b];
                for (int p = 0; p < end; p += k) {
                    product += weighted[p + a] * drawn[p + b];
                }
                products[a * k + b] = product;
            }
        }
    }

    private static boolean finite(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
    }
}
