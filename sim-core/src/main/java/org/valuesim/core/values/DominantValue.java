package org.valuesim.core.values;

import java.util.Optional;

/**
 * Whether a person has one dominant value: their highest centred value score leads every other value
 * by at least {@link #MARGIN} scale points.
 *
 * <p>Why 0.25: a two-item PVQ value score moves in steps of 0.5, so the margin asks for a real lead
 * (half that step; no ties, no rounding noise) without asking for more than one answer category on one
 * item. Applied to the 1,255 GSS 2012 respondents it leaves 56.7% with no dominant value, close to the
 * about 53% of adults Witte et al. (2020) report.
 */
public final class DominantValue {

    public static final double MARGIN = 0.25;

    private DominantValue() {
    }

    /** The dominant value of centred scores (circular order), or empty when none leads by the margin. */
    public static Optional<SchwartzValue> of(double[] centred, double margin) {
        int best = -1;
        for (int v = 0; v < centred.length; v++) {
            if (Double.isNaN(centred[v])) {
                return Optional.empty();
            }
            if (best < 0 || centred[v] > centred[best]) {
                best = v;
            }
        }
        for (int v = 0; v < centred.length; v++) {
            if (v != best && centred[best] - centred[v] < margin - 1e-9) {
                return Optional.empty();
            }
        }
        return Optional.of(SchwartzValue.inCircularOrder().get(best));
    }

    /** Scores centred by their own mean (for latent profiles, which have no item-level mean). */
    public static double[] centre(double[] scores) {
        double mean = 0;
        for (double x : scores) {
            mean += x / scores.length;
        }
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] - mean;
        }
        return out;
    }
}
