package org.valuesim.core.ordinal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueProfile;
import org.valuesim.core.values.ValueStatistics;

/**
 * The psychometric respondent's measurement model of a population, read backwards: latent value scores are
 * multivariate normal (a preset's {@code latent}), and each item measures one value through its ordered probit
 * (a preset's item models). Given a person's answers, {@link #posterior} is what they say about the person's ten
 * values, and {@link #predictive} what that says about their answer to another item.
 *
 * @param population the distribution of latent value scores
 * @param items      per item id, the value it measures and its ordinal model
 */
public record ValueMeasurement(ValueStatistics population, Map<String, MeasuredItem> items) {

    /** An item that measures one value. */
    public record MeasuredItem(SchwartzValue value, OrdinalItemModel model) {
    }

    public ValueMeasurement {
        items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /** The belief about a person of whom nothing is known. */
    public LatentGaussian prior() {
        return LatentGaussian.of(population);
    }

    /**
     * The belief about a person's ten latent values after their answers.
     *
     * @param answers item id to the chosen category, 1..k
     */
    public LatentGaussian posterior(Map<String, Integer> answers) {
        List<OrdinalPosterior.Observation> observations = new ArrayList<>();
        answers.forEach((item, category) -> {
            MeasuredItem measured = item(item);
            observations.add(new OrdinalPosterior.Observation(loading(measured.value()), measured.model(), category));
        });
        return OrdinalPosterior.of(prior(), observations);
    }

    /** The posterior mean of the ten values: the person's latent value scores as best estimated. */
    public ValueProfile latentValues(Map<String, Integer> answers) {
        return new ValueProfile(posterior(answers).mean());
    }

    /** P(answer = k), k = 1..categories, of an item for a person believed to be as described. */
    public double[] predictive(LatentGaussian belief, String item) {
        MeasuredItem measured = item(item);
        return belief.predictive(loading(measured.value()), measured.model());
    }

    /**
     * The correlations between the items' latent responses x = z_value + e over the population: their values'
     * covariance over the square roots of (the values' variance + the items' noise variance).
     */
    public double[][] responseCorrelation(List<String> ids) {
        double[][] cov = population.covariance();
        int n = ids.size();
        double[][] r = new double[n][n];
        double[] sd = new double[n];
        for (int j = 0; j < n; j++) {
            MeasuredItem a = item(ids.get(j));
            int v = a.value().ordinal();
            sd[j] = Math.sqrt(cov[v][v] + a.model().noiseSd() * a.model().noiseSd());
        }
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                r[j][k] = j == k ? 1 : cov[item(ids.get(j)).value().ordinal()][item(ids.get(k)).value().ordinal()]
                        / (sd[j] * sd[k]);
            }
        }
        return r;
    }

    private MeasuredItem item(String id) {
        MeasuredItem measured = items.get(id);
        if (measured == null) {
            throw new IllegalArgumentException("the measurement model has no item " + id);
        }
        return measured;
    }

    /** A value item's latent score is its value's: loading 1 on that value, 0 on the others. */
    static double[] loading(SchwartzValue value) {
        double[] l = new double[SchwartzValue.count()];
        l[value.ordinal()] = 1;
        return l;
    }
}
