package org.valuesim.results.stats;

/** Distances between two answer distributions over the same ordered options. */
public final class Distributions {

    private Distributions() {
    }

    /** Jensen-Shannon divergence in bits (0 = identical, 1 = disjoint); inputs are normalised first. */
    public static double jensenShannon(double[] p, double[] q) {
        double[] a = normalised(p);
        double[] b = normalised(q);
        double js = 0;
        for (int i = 0; i < a.length; i++) {
            double m = (a[i] + b[i]) / 2;
            js += 0.5 * term(a[i], m) + 0.5 * term(b[i], m);
        }
        return Math.max(0, js);
    }

    /**
     * Wasserstein-1 (earth mover's) distance between distributions over ordered options one unit
     * apart: the sum of absolute differences of the cumulative distributions, in options.
     */
    public static double wasserstein1(double[] p, double[] q) {
        double[] a = normalised(p);
        double[] b = normalised(q);
        double distance = 0;
        double fa = 0;
        double fb = 0;
        for (int i = 0; i < a.length - 1; i++) {
            fa += a[i];
            fb += b[i];
            distance += Math.abs(fa - fb);
        }
        return distance;
    }

    /** Shares of each option (1..k) among the given answers; answers outside 1..k are ignored. */
    public static double[] shares(int[] counts) {
        double total = 0;
        for (int c : counts) {
            total += c;
        }
        double[] s = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            s[i] = total == 0 ? 0 : counts[i] / total;
        }
        return s;
    }

    private static double term(double x, double m) {
        return x == 0 ? 0 : x * Math.log(x / m) / Math.log(2);
    }

    private static double[] normalised(double[] p) {
        double sum = 0;
        for (double x : p) {
            if (x < 0 || Double.isNaN(x)) {
                throw new IllegalArgumentException("a distribution has no negative or missing shares");
            }
            sum += x;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("a distribution needs some mass");
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / sum;
        }
        return out;
    }
}
