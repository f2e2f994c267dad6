package org.valuesim.core.semantic;

import java.util.List;
import org.apache.commons.math3.util.FastMath;
import org.valuesim.core.ordinal.OrdinalItemModel;

/**
 * The semantic respondent's response model. A person is three standard normal numbers: an elevation g (how much
 * they endorse anything, whatever its value) and a position u on the value circle. An item at angle theta with
 * strength rho (read from its text) has the latent response x = a g + b rho (cos theta u1 + sin theta u2) + e,
 * standard normal over the population, so e has variance 1 - a^2 - b^2 rho^2 (at least
 * {@value #MIN_NOISE_VARIANCE}); the answer cuts x at the thresholds of the item's answer shares
 * ({@link OrdinalItemModel#ofShares}). Two items then correlate by a^2 + b^2 rho_j rho_k cos(theta_j - theta_k):
 * a circumplex with a general factor.
 *
 * @param elevation the loading a of the general factor
 * @param circle    the loading b of the circle
 */
public record CircleModel(double elevation, double circle) {

    static final double MIN_NOISE_VARIANCE = 0.05;
    /** The dimensions of a person: elevation, then the circle's plane. */
    public static final int DIMENSIONS = 3;
    /**
     * The model fitted (by {@link #fit}) to the latent item correlations of the us-gss-2012 preset with the PVQ-21
     * items read by the built-in {@link ValueCircle}: for populations whose human data hold no item correlations.
     */
    public static final CircleModel GSS_2012 = new CircleModel(0.4184, 0.3362);

    public CircleModel {
        if (!(elevation >= 0) || !(circle >= 0) || elevation * elevation + circle * circle > 1 - MIN_NOISE_VARIANCE) {
            throw new IllegalArgumentException("loadings must be non-negative with a^2 + b^2 <= "
                    + (1 - MIN_NOISE_VARIANCE) + ", got " + elevation + " and " + circle);
        }
    }

    /** The item's latent response as a combination of (g, u1, u2). */
    public double[] loading(CirclePosition item) {
        double[] direction = item.vector();
        return new double[] {elevation, circle * direction[0], circle * direction[1]};
    }

    /** The item's residual standard deviation. */
    public double noiseSd(CirclePosition item) {
        double explained = elevation * elevation + circle * circle * item.strength() * item.strength();
        return Math.sqrt(Math.max(MIN_NOISE_VARIANCE, 1 - explained));
    }

    /**
     * The item's ordinal model: its answer shares cut the latent response, or, with no shares known, equally likely
     * answers.
     */
    public OrdinalItemModel model(CirclePosition item, double[] shares, int options) {
        return shares == null ? OrdinalItemModel.equallyLikely(options, noiseSd(item))
                : OrdinalItemModel.ofShares(shares, noiseSd(item));
    }

    /**
     * Least squares of a^2 and b^2 on the correlations between items' latent responses (every pair once), each kept
     * within bounds that leave the items some noise.
     *
     * @param correlation the items' latent response correlations
     * @param items       each item's place on the circle, in the matrix's order
     */
    public static CircleModel fit(double[][] correlation, List<CirclePosition> items) {
        // normal equations of r_jk = A + B c_jk, c_jk = rho_j rho_k cos(theta_j - theta_k)
        double n = 0;
        double sc = 0;
        double scc = 0;
        double sr = 0;
        double src = 0;
        for (int j = 0; j < items.size(); j++) {
            for (int k = j + 1; k < items.size(); k++) {
                CirclePosition a = items.get(j);
                CirclePosition b = items.get(k);
                double c = a.strength() * b.strength() * FastMath.cos(a.angle() - b.angle());
                double r = correlation[j][k];
                n++;
                sc += c;
                scc += c * c;
                sr += r;
                src += r * c;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("fitting the circle model needs at least three items");
        }
        double det = n * scc - sc * sc;
        double general = det == 0 ? sr / n : (sr * scc - sc * src) / det;
        double circular = det == 0 ? 0 : (n * src - sc * sr) / det;
        double limit = 1 - MIN_NOISE_VARIANCE;
        general = Math.min(Math.max(general, 0), limit);
        circular = Math.min(Math.max(circular, 0), limit - general);
        return new CircleModel(Math.sqrt(general), Math.sqrt(circular));
    }
}
