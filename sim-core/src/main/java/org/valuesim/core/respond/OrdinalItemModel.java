package org.valuesim.core.respond;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.valuesim.core.math.StandardNormal;

/**
 * Ordered-probit model of one Likert item: a person with latent score z on the item's value gives
 * a continuous response x = z + e, e ~ N(0, noiseSd^2), and answers category k (1-based) when
 * thresholds[k-2] < x <= thresholds[k-1].
 *
 * @param thresholds the k-1 non-decreasing cut points on the latent scale
 * @param noiseSd    the item's residual standard deviation
 */
public record OrdinalItemModel(
        @JsonProperty(required = true) double[] thresholds,
        @JsonProperty(required = true) double noiseSd) {

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

    /** Number of answer categories. */
    public int categories() {
        return thresholds.length + 1;
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
