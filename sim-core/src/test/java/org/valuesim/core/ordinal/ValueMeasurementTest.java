package org.valuesim.core.ordinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.valuesim.core.random.Streams;
import org.valuesim.core.respond.Choices;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;

/** The psychometric posterior recovers people simulated through the item models. */
class ValueMeasurementTest {

    /** A population like GSS 2012's (means 3.4..5.2, SDs 0.6..0.9, circular correlations) and items per value. */
    static ValueMeasurement model(int itemsPerValue) {
        int k = SchwartzValue.count();
        double[] means = new double[k];
        double[] sds = new double[k];
        double[][] corr = new double[k][k];
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            means[v.ordinal()] = 3.4 + 0.2 * v.ordinal();
            sds[v.ordinal()] = 0.6 + 0.03 * v.ordinal();
            for (SchwartzValue w : SchwartzValue.inCircularOrder()) {
                double angle = Math.toRadians(v.angleDegrees() - w.angleDegrees());
                corr[v.ordinal()][w.ordinal()] = v == w ? 1 : 0.2 + 0.3 * Math.cos(angle);
            }
        }
        Map<String, ValueMeasurement.MeasuredItem> items = new LinkedHashMap<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            for (int i = 0; i < itemsPerValue; i++) {
                double shift = 0.3 * (i - itemsPerValue / 2.0);
                items.put(v.id() + "-" + i, new ValueMeasurement.MeasuredItem(v, new OrdinalItemModel(
                        new double[] {1.5 + shift, 2.5 + shift, 3.5 + shift, 4.5 + shift, 5.5 + shift}, 0.8)));
            }
        }
        return new ValueMeasurement(new ValueStatistics(means, sds, corr), items);
    }

    /** Answers of a person with these latent values, drawn through each item's model. */
    static Map<String, Integer> answers(ValueMeasurement model, double[] latent, long seed) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        model.items().forEach((id, item) -> {
            double[] p = item.model().distribution(latent[item.value().ordinal()]);
            answers.put(id, 1 + Choices.draw(p, Streams.of(seed, "simulate", 0, id).nextDouble()));
        });
        return answers;
    }

    @Test
    void recoversAKnownPersonsLatentValuesFromManyAnswers() {
        ValueMeasurement model = model(12);
        double[] truth = {5.1, 3.0, 4.4, 2.6, 2.2, 4.9, 4.0, 3.6, 5.6, 5.3};
        double[] estimate = model.posterior(answers(model, truth, 7)).mean();
        double[][] cov = model.posterior(answers(model, truth, 7)).covariance();
        for (int v = 0; v < truth.length; v++) {
            // 12 items a value: the posterior SD is about 0.2 scale points; the stated tolerance is 0.5
            assertEquals(truth[v], estimate[v], 0.5, SchwartzValue.inCircularOrder().get(v).id());
            assertTrue(Math.sqrt(cov[v][v]) < 0.3, "posterior SD " + Math.sqrt(cov[v][v]));
        }
    }

    @Test
    void posteriorIntervalsCoverTheTruthAsOftenAsTheyClaim() {
        // 300 people drawn from the population, two items a value (as the PVQ-21): the 90% intervals of their ten
        // values should hold the truth about 90% of the time, and the posterior should beat the prior mean
        ValueMeasurement model = model(2);
        LatentGaussian population = model.prior();
        int covered = 0;
        int total = 0;
        double posteriorError = 0;
        double priorError = 0;
        for (int person = 0; person < 300; person++) {
            double[] truth = population.draw(new SplittableRandom(Streams.key(5, "truth", person)));
            LatentGaussian belief = model.posterior(answers(model, truth, person));
            for (int v = 0; v < truth.length; v++) {
                double sd = Math.sqrt(belief.covariance()[v][v]);
                covered += Math.abs(belief.mean()[v] - truth[v]) <= 1.645 * sd ? 1 : 0;
                total++;
                posteriorError += Math.pow(belief.mean()[v] - truth[v], 2);
                priorError += Math.pow(population.mean()[v] - truth[v], 2);
            }
        }
        double coverage = covered / (double) total;
        assertTrue(coverage > 0.86 && coverage < 0.94, "coverage of the 90% intervals: " + coverage);
        assertTrue(posteriorError < 0.6 * priorError, posteriorError + " vs " + priorError);
    }

    @Test
    void theImpliedResponseCorrelationsFollowTheValues() {
        ValueMeasurement model = model(2);
        double[][] r = model.responseCorrelation(java.util.List.of("power-0", "power-1", "universalism-0"));
        // same value: var / (var + noise^2); power's SD is 0.6 + 0.03 x 4 = 0.72
        double var = 0.72 * 0.72;
        assertEquals(var / (var + 0.64), r[0][1], 1e-9);
        assertEquals(1, r[2][2]);
        assertTrue(r[0][2] < r[0][1]);
    }
}
