package org.valuesim.core.ordinal;

import java.util.List;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.FastMath;

/**
 * The posterior belief about a person's latent dimensions after their answers to ordered items: a Gaussian
 * prior times one ordered-probit likelihood per answer, P(answer = k | x) = P(lower_k &lt; l'x + e &lt;= upper_k),
 * e ~ N(0, noiseSd^2), with l the item's loading on the dimensions (a value item loads 1 on its value).
 *
 * <p>The exact posterior has no closed form; it is approximated by a Gaussian with expectation propagation
 * (Minka 2001): each answer's likelihood is replaced by a Gaussian site in l'x whose moments match those of the
 * exact likelihood times the rest of the belief, one answer after another, until no site moves by more than
 * {@value #TOLERANCE} (at most {@value #MAX_SWEEPS} sweeps). The ordered-probit likelihood is log-concave, so every
 * site has a non-negative precision and the iteration is stable. The moments of one site are those of a normal
 * truncated to the answer's interval (closed form). The result depends only on the inputs and their order.
 */
public final class OrdinalPosterior {

    static final int MAX_SWEEPS = 50;
    static final double TOLERANCE = 1e-8;
    private static final double SQRT2 = Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private OrdinalPosterior() {
    }

    /**
     * One answer.
     *
     * @param loading  the item's latent score as a combination of the dimensions
     * @param model    the item's cut points and noise
     * @param category the answer, 1..categories
     */
    public record Observation(double[] loading, OrdinalItemModel model, int category) {

        public Observation {
            if (category < 1 || category > model.categories()) {
                throw new IllegalArgumentException("answer " + category + " is not one of the item's "
                        + model.categories() + " categories");
            }
            loading = loading.clone();
        }
    }

    /** The Gaussian approximation of the posterior; the prior itself when there are no answers. */
    public static LatentGaussian of(LatentGaussian prior, List<Observation> answers) {
        if (answers.isEmpty()) {
            return prior;
        }
        int d = prior.dimensions();
        int n = answers.size();
        for (Observation o : answers) {
            if (o.loading().length != d) {
                throw new IllegalArgumentException("a loading has " + o.loading().length + " dimensions, the belief " + d);
            }
        }
        RealMatrix priorPrecision = new LUDecomposition(MatrixUtils.createRealMatrix(prior.covariance()))
                .getSolver().getInverse();
        double[] priorShift = priorPrecision.operate(prior.mean());
        double[] sitePrecision = new double[n];
        double[] siteShift = new double[n];
        double[][] cov = prior.covariance();
        double[] mean = prior.mean();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double moved = 0;
            for (int i = 0; i < n; i++) {
                Observation o = answers.get(i);
                double[] l = o.loading;
                double[] sl = times(cov, l);
                double s = LatentGaussian.dot(l, sl);
                double m = LatentGaussian.dot(l, mean);
                // the cavity: the belief about l'x without this answer
                double cavityVar = 1 / (1 / s - sitePrecision[i]);
                double cavityMean = cavityVar * (m / s - siteShift[i]);
                double[] tilted = tiltedMoments(cavityMean, cavityVar, o.model.lower(o.category), o.model.upper(o.category),
                        o.model.noiseSd() * o.model.noiseSd());
                if (tilted == null) {
                    continue;
                }
                double precision = Math.max(0, 1 / tilted[1] - 1 / cavityVar);
                double shift = tilted[0] / tilted[1] - cavityMean / cavityVar;
                double dp = precision - sitePrecision[i];
                double ds = shift - siteShift[i];
                moved = Math.max(moved, Math.max(Math.abs(dp), Math.abs(ds)));
                sitePrecision[i] = precision;
                siteShift[i] = shift;
                // rank-one update of the belief by the change of this site
                double c = dp / (1 + dp * s);
                double step = (ds - dp * m) / (1 + dp * s);
                for (int a = 0; a < d; a++) {
                    mean[a] += step * sl[a];
                    for (int b = 0; b < d; b++) {
                        cov[a][b] -= c * sl[a] * sl[b];
                    }
                }
            }
            if (moved < TOLERANCE) {
                break;
            }
        }
        // recompute from the sites, free of the rounding the rank-one updates gathered
        double[][] precision = priorPrecision.getData();
        double[] shift = priorShift.clone();
        for (int i = 0; i < n; i++) {
            double[] l = answers.get(i).loading;
            for (int a = 0; a < d; a++) {
                shift[a] += siteShift[i] * l[a];
                for (int b = 0; b < d; b++) {
                    precision[a][b] += sitePrecision[i] * l[a] * l[b];
                }
            }
        }
        RealMatrix posterior = new LUDecomposition(MatrixUtils.createRealMatrix(precision)).getSolver().getInverse();
        double[][] c = posterior.getData();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                double avg = (c[a][b] + c[b][a]) / 2;
                c[a][b] = avg;
                c[b][a] = avg;
            }
        }
        return new LatentGaussian(posterior.operate(shift), c);
    }

    /**
     * Mean and variance of t ~ N(mean, var) given that t + e, e ~ N(0, noiseVar), fell in (lower, upper]; null when
     * the interval is so far out that its probability underflows (the site is then left as it was).
     */
    static double[] tiltedMoments(double mean, double var, double lower, double upper, double noiseVar) {
        double total = var + noiseVar;
        double sd = Math.sqrt(total);
        double za = (lower - mean) / sd;
        double zb = (upper - mean) / sd;
        // the interval's probability, from the nearer tail so that it keeps its digits
        double z = za > 0 ? upperTail(za) - upperTail(zb) : upperTail(-zb) - upperTail(-za);
        if (!(z > 1e-300)) {
            return null;
        }
        double pa = density(za);
        double pb = density(zb);
        double r = (pa - pb) / z;
        double zpa = Double.isInfinite(za) ? 0 : za * pa;
        double zpb = Double.isInfinite(zb) ? 0 : zb * pb;
        double wMean = mean + sd * r;
        double wVar = total * (1 + (zpa - zpb) / z - r * r);
        double k = var / total;
        return new double[] {mean + k * (wMean - mean), var - var * k + k * k * Math.max(0, wVar)};
    }

    /** P(Z &gt; z) for a standard normal Z, accurate far into the tail. */
    private static double upperTail(double z) {
        if (z == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (z == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        return 0.5 * Erf.erfc(z / SQRT2);
    }

    private static double density(double z) {
        return Double.isInfinite(z) ? 0 : INV_SQRT_2PI * FastMath.exp(-0.5 * z * z);
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = LatentGaussian.dot(m[i], v);
        }
        return out;
    }
}
