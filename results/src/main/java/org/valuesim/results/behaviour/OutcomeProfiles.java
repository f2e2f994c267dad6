package org.valuesim.results.behaviour;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.valuesim.core.random.Streams;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.results.record.Interval;
import org.valuesim.results.record.ValueBehaviourProfile;
import org.valuesim.results.record.ValueOutcomeAgreement;
import org.valuesim.results.stats.CorrelationBootstrap;
import org.valuesim.results.stats.Resampling;
import org.valuesim.results.stats.Sinusoid;
import org.valuesim.results.write.Decimals;

/**
 * Compares simulated value-behaviour profiles with human ones: per outcome, the correlation of the two profiles over
 * the ten values, the share of values whose correlations share their sign, and a sinusoid fitted to each profile at
 * the values' angles on the circle ({@link SchwartzValue#angleDegrees()}: nine positions 40 degrees apart from
 * Self-Direction at 0, Conformity and Tradition sharing 240). The intervals resample the agents (seeded by the run),
 * the human profile held fixed, and are placed as {@link CorrelationBootstrap#interval} places them.
 */
public final class OutcomeProfiles {

    private static final String PURPOSE = "outcome-bootstrap";
    private static final int DECIMALS = 6;

    private OutcomeProfiles() {
    }

    /**
     * @param matches  the reference's outcomes the run holds, and those it does not
     * @param centred  per agent, its centred value scores, or null when some value is not scored
     * @param outcomes per agent (same order), its outcomes in {@code matches.targets()} order
     */
    public static ValueOutcomeAgreement of(OutcomeTarget.Matches matches, List<double[]> centred,
                                           List<double[]> outcomes, Resampling resampling) {
        List<String> values = SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList();
        Map<String, ValueOutcomeAgreement.Profiles> out = new LinkedHashMap<>();
        List<OutcomeTarget> targets = matches.targets();
        for (int t = 0; t < targets.size(); t++) {
            int column = t;
            double[] y = outcomes.stream().mapToDouble(row -> row[column]).toArray();
            out.put(targets.get(t).name(), profiles(targets.get(t), centred.toArray(double[][]::new), y, values,
                    resampling));
        }
        return new ValueOutcomeAgreement(values, angles(), resampling.bootstrap() > 0 ? resampling.bootstrap() : null,
                out, matches.notAnswered());
    }

    private static ValueOutcomeAgreement.Profiles profiles(OutcomeTarget target, double[][] centred, double[] y,
                                                           List<String> values, Resampling resampling) {
        ValueOutcomes.Profile simulated = ValueOutcomes.profile(centred, y);
        double[] human = target.profile().r();
        double profileR = profileR(simulated.r(), human);
        double signs = signAgreement(simulated.r(), human);
        double[][] intervals = resampling.bootstrap() > 0
                ? bootstrap(target.name(), centred, y, human, profileR, signs, resampling) : null;
        return new ValueOutcomeAgreement.Profiles(target.reference(), target.instrument(), target.item(),
                target.scale(), simulated.fewest(), values, target.profile().n(), round(simulated.r()), round(human),
                round(profileR), intervals == null ? null : interval(intervals[0]), round(signs),
                intervals == null ? null : interval(intervals[1]), sinusoid(simulated.r()), sinusoid(human));
    }

    /** Pearson's r of two profiles over the values where both are defined; NaN when fewer than three or flat. */
    public static double profileR(double[] a, double[] b) {
        int[] both = IntStream.range(0, a.length).filter(v -> Double.isFinite(a[v]) && Double.isFinite(b[v]))
                .toArray();
        if (both.length < 3) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(Arrays.stream(both).mapToDouble(v -> a[v]).toArray(),
                Arrays.stream(both).mapToDouble(v -> b[v]).toArray());
    }

    /** The share of values, of those where both are defined, whose two correlations have the same sign (0 only with 0). */
    public static double signAgreement(double[] a, double[] b) {
        int defined = 0;
        int same = 0;
        for (int v = 0; v < a.length; v++) {
            if (Double.isFinite(a[v]) && Double.isFinite(b[v])) {
                defined++;
                same += Math.signum(a[v]) == Math.signum(b[v]) ? 1 : 0;
            }
        }
        return defined == 0 ? Double.NaN : same / (double) defined;
    }

    /** The sinusoid fitted to a profile at the values' angles, rounded; null when some correlation is undefined. */
    static ValueBehaviourProfile.Sinusoid sinusoid(double[] r) {
        if (!Arrays.stream(r).allMatch(Double::isFinite)) {
            return null;
        }
        Sinusoid s = Sinusoid.fit(angles(), r);
        return new ValueBehaviourProfile.Sinusoid(round(s.elevation()), round(s.amplitude()), round(s.displacement()),
                round(s.rSquared()));
    }

    static double[] angles() {
        return SchwartzValue.inCircularOrder().stream().mapToDouble(SchwartzValue::angleDegrees).toArray();
    }

    /**
     * {profile r interval, sign agreement interval}: each resample draws the agents that have the outcome and every
     * value with replacement from its own stream, keyed by (seed, resample, outcome).
     */
    private static double[][] bootstrap(String outcome, double[][] centred, double[] y, double[] human,
                                        double profileR, double signs, Resampling resampling) {
        int k = SchwartzValue.count();
        int[] rows = IntStream.range(0, y.length).filter(p -> !Double.isNaN(y[p]) && centred[p] != null
                && Arrays.stream(centred[p]).allMatch(Double::isFinite)).toArray();
        int n = rows.length;
        if (n < 3) {
            return null;
        }
        // columns minus their means, so that resampled sums lose no precision
        double[] x = new double[n * k];
        double[] z = new double[n];
        double[] meanX = new double[k];
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < k; v++) {
                meanX[v] += centred[rows[i]][v] / n;
            }
            meanY += y[rows[i]] / n;
        }
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < k; v++) {
                x[i * k + v] = centred[rows[i]][v] - meanX[v];
            }
            z[i] = y[rows[i]] - meanY;
        }
        double[][] stats = new double[resampling.bootstrap()][];
        IntStream.range(0, stats.length).parallel().forEach(b -> {
            int[] counts = new int[n];
            SplittableRandom random = Streams.of(resampling.seed(), PURPOSE, b, outcome);
            for (int draw = 0; draw < n; draw++) {
                counts[random.nextInt(n)]++;
            }
            double[] r = weightedProfile(x, z, k, counts);
            stats[b] = new double[] {profileR(r, human), signAgreement(r, human)};
        });
        double[] r = CorrelationBootstrap.interval(stats, 0, profileR);
        double[] s = CorrelationBootstrap.interval(stats, 1, signs);
        return new double[][] {r, s == null ? null : new double[] {Math.max(0, s[0]), Math.min(1, s[1])}};
    }

    /** The outcome's correlation with each value, each row counted as often as the resample drew it. */
    static double[] weightedProfile(double[] x, double[] z, int k, int[] counts) {
        int n = z.length;
        double[] sx = new double[k];
        double[] sxx = new double[k];
        double[] sxy = new double[k];
        double sy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            int w = counts[i];
            if (w == 0) {
                continue;
            }
            double wy = w * z[i];
            sy += wy;
            syy += wy * z[i];
            int row = i * k;
            for (int v = 0; v < k; v++) {
                double wx = w * x[row + v];
                sx[v] += wx;
                sxx[v] += wx * x[row + v];
                sxy[v] += wx * z[i];
            }
        }
        double[] r = new double[k];
        double vy = syy - sy * sy / n;
        for (int v = 0; v < k; v++) {
            double vx = sxx[v] - sx[v] * sx[v] / n;
            r[v] = (sxy[v] - sx[v] * sy / n) / Math.sqrt(vx * vy);
        }
        return r;
    }

    private static Interval interval(double[] bounds) {
        return bounds == null ? null : new Interval(round(bounds[0]), round(bounds[1]));
    }

    private static double round(double x) {
        return Decimals.round(x, DECIMALS);
    }

    private static double[] round(double[] xs) {
        return Arrays.stream(xs).map(OutcomeProfiles::round).toArray();
    }
}
