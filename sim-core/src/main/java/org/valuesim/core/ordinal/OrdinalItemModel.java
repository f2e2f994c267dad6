package org.valuesim.core.ordinal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.valuesim.core.math.StandardNormal;

/**
 * Ordered-probit model of one ordered item: a person with latent score z on the item's value gives
 * a continuous response x = z + e, e ~ N(0, noiseSd^2), and answers category k (1-based) when
 * thresholds[k-2] < x <= thresholds[k-1].
 *
 * @param thresholds the k-1 non-decreasing cut points on the latent scale
 * @param noiseSd    the item's residual standard deviation
 */
public record OrdinalItemModel(
        @JsonProperty(required = true) double[] thresholds,
        @JsonProperty(required = true) double noiseSd) {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    /** Cumulative answer shares are kept this far from 0 and 1 (as a preset's thresholds are). */
    static final double SHARE_CLIP = 1e-6;

    public OrdinalItemModel {
        if (!(noiseSd > 0) || Double.isInfinite(noiseSd)) {
            throw new IllegalArgumentException("noise-sd must be a positive number, got " + noiseSd);
        }
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("an ordinal item needs at least one threshold");
        }
        for (int i = 0; i < thresholds.length; i++) {
            if (!Double.isFinite(thresholds[i]) || (i > 0 && thresholds[i] < thresholds[i - 1])) {
                throw new IllegalArgumentException("thresholds must be finite and non-decreasing");
            }
        }
        thresholds = thresholds.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The lower cut point of a category (1-based); -infinity for the first. */
    double lower(int category) {
        return category == 1 ? Double.NEGATIVE_INFINITY : thresholds[category - 2];
    }

    /** The upper cut point of a category (1-based); +infinity for the last. */
    double upper(int category) {
        return category == categories() ? Double.POSITIVE_INFINITY : thresholds[category - 1];
    }

    /** Number of answer categories. */
    public int categories() {
        return thresholds.length + 1;
    }

    /**
     * The model of an item whose latent response x = z + e is standard normal over the population (z ~ N(0, 1 -
     * noiseSd^2)) and whose answers fall in the given shares: thresholds at the standard normal quantiles of the
     * cumulative shares, kept {@value #SHARE_CLIP} from 0 and 1 so that every threshold is finite.
     */
    public static OrdinalItemModel ofShares(double[] shares, double noiseSd) {
        double total = 0;
        for (double s : shares) {
            total += s;
        }
        if (shares.length < 2 || !(total > 0)) {
            throw new IllegalArgumentException("answer shares need at least two options and a positive total");
        }
        double[] thresholds = new double[shares.length - 1];
        double cumulative = 0;
        for (int k = 0; k < thresholds.length; k++) {
            cumulative += shares[k] / total;
            double clipped = Math.min(Math.max(cumulative, SHARE_CLIP), 1 - SHARE_CLIP);
            thresholds[k] = STANDARD_NORMAL.inverseCumulativeProbability(clipped);
            if (k > 0 && thresholds[k] < thresholds[k - 1]) {
                thresholds[k] = thresholds[k - 1];
            }
        }
        return new OrdinalItemModel(thresholds, noiseSd);
    }

    /** As {@link #ofShares} with every option equally likely: for an item no one has answered yet. */
    public static OrdinalItemModel equallyLikely(int categories, double noiseSd) {
        double[] shares = new double[categories];
        java.util.Arrays.fill(shares, 1);
        return ofShares(shares, noiseSd);
    }

    /**
     * P(answer = k) when the latent score is itself uncertain, z ~ N(mean, variance): the answer's predictive
     * distribution, the model with its noise variance widened by the latent variance.
     */
    public double[] distribution(double mean, double variance) {
        if (!(variance > 0)) {
            return distribution(mean);
        }
        return new OrdinalItemModel(thresholds, Math.sqrt(noiseSd * noiseSd + variance)).distribution(mean);
    }

    /** P(answer = k) for k = 1..categories, given latent score z. */
    public double[] distribution(double z) {
        double[] p = new double[categories()];
        double below = 0;
        for (int k = 0; k < thresholds.length; k++) {
            double upTo = StandardNormal.cdf((thresholds[k] - z) / noiseSd);
            p[k] = upTo - below;
            below = upTo;
        }
        p[thresholds.length] = 1 - below;
        return p;
    }
}
