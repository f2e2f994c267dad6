package org.valuesim.core.respond;

/** Picking one option from an answer distribution. */
public final class Choices {

    private Choices() {
    }

    /** The most probable option's index, the lowest on ties. */
    public static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The index where the cumulative distribution first exceeds u (a uniform draw in [0, 1)); when
     * rounding leaves u above the total, the last option with mass.
     */
    public static int draw(double[] p, double u) {
        double cumulative = 0;
        for (int i = 0; i < p.length; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return i;
            }
        }
        return p.length - 1;
    }
}
