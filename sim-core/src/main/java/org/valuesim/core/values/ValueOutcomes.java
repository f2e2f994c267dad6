package org.valuesim.core.values;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.valuesim.core.files.InvalidFieldException;

/**
 * How outcomes (behaviours, attitudes, personality scales) go with values: per outcome, its Pearson correlation with
 * each of the ten centred value scores (MRAT) and the number of people behind it. This is the human value-behaviour
 * reference a run's simulated profiles are compared with.
 *
 * @param source   where the correlations come from (a preset's survey file, a CSV file)
 * @param outcomes per outcome name (an item id, instrument/item, or a scale such as extraversion), its profile
 */
public record ValueOutcomes(
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) Map<String, Profile> outcomes) {

    public ValueOutcomes {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /**
     * One outcome's correlations with the ten values.
     *
     * @param r the correlations, in {@link SchwartzValue} circular order; NaN (null in JSON) where undefined
     * @param n the people behind each correlation
     */
    public record Profile(
            @JsonProperty(required = true) double[] r,
            @JsonProperty(required = true) int[] n) {

        public Profile {
            if (r.length != SchwartzValue.count()) {
                throw new InvalidFieldException("/r", "one correlation per value (" + SchwartzValue.count()
                        + "), got " + r.length);
            }
            if (n.length != r.length) {
                throw new InvalidFieldException("/n", "one count per value (" + r.length + "), got " + n.length);
            }
            for (int v = 0; v < r.length; v++) {
                if (!Double.isNaN(r[v]) && (r[v] < -1 || r[v] > 1)) {
                    throw new InvalidFieldException("/r/" + v, "a correlation lies in [-1, 1], got " + r[v]);
                }
            }
        }

        /** The fewest people behind any of the ten correlations. */
        public int fewest() {
            return java.util.Arrays.stream(n).min().orElse(0);
        }
    }

    /**
     * The profiles of outcomes observed beside value scores.
     *
     * @param names    the outcomes, in the order of {@code outcomes}' columns
     * @param centred  each person's centred value scores (rows; circular order)
     * @param outcomes each person's outcomes (rows, one column per name; NaN where missing)
     */
    public static ValueOutcomes of(String source, List<String> names, double[][] centred, double[][] outcomes) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (int o = 0; o < names.size(); o++) {
            double[] outcome = new double[centred.length];
            for (int p = 0; p < centred.length; p++) {
                outcome[p] = outcomes[p][o];
            }
            profiles.put(names.get(o), profile(centred, outcome));
        }
        return new ValueOutcomes(source, profiles);
    }

    /**
     * One outcome's correlations with the ten centred values over the people who have it and every value score.
     * A correlation is NaN where fewer than three people have the outcome or it does not vary.
     */
    public static Profile profile(double[][] centred, double[] outcome) {
        int k = SchwartzValue.count();
        int n = 0;
        for (int p = 0; p < outcome.length; p++) {
            n += complete(centred[p], outcome[p]) ? 1 : 0;
        }
        double[][] x = new double[k][n];
        double[] y = new double[n];
        int row = 0;
        for (int p = 0; p < outcome.length; p++) {
            if (complete(centred[p], outcome[p])) {
                for (int v = 0; v < k; v++) {
                    x[v][row] = centred[p][v];
                }
                y[row++] = outcome[p];
            }
        }
        double[] r = new double[k];
        int[] counts = new int[k];
        for (int v = 0; v < k; v++) {
            r[v] = n < 3 ? Double.NaN : new PearsonsCorrelation().correlation(x[v], y);
            counts[v] = n;
        }
        return new Profile(r, counts);
    }

    private static boolean complete(double[] values, double outcome) {
        return !Double.isNaN(outcome) && values != null && java.util.Arrays.stream(values).allMatch(Double::isFinite);
    }
}
