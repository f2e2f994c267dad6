package org.valuesim.results.accuracy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.valuesim.core.ordinal.ValueMeasurement;
import org.valuesim.core.respond.Choices;

/**
 * The psychometric baseline: the person's ten latent values inferred from their history through the ordinal
 * response model (the posterior given the answered items), then the held-out item's posterior predictive
 * distribution; the prediction is its mode (the lowest option on ties), the answer most likely to be right.
 *
 * <p>The measurement model (the population's value distribution and each item's ordinal model) must not have
 * seen the person: {@code modelOf} gives, per person, one fitted on other people only (person-level folds).
 * Only the history's answers of the person are read.
 */
public final class PsychometricPredictor implements IndividualPredictor {

    public static final String NAME = "psychometric";

    private final List<String> columns;
    private final IntFunction<ValueMeasurement> modelOf;

    /**
     * @param columns the item id of each answer column
     * @param modelOf per person (row), a measurement model fitted without that person
     */
    public PsychometricPredictor(List<String> columns, IntFunction<ValueMeasurement> modelOf) {
        this.columns = List.copyOf(columns);
        this.modelOf = modelOf;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int predict(int[][] answers, int person, int item, int[] history) {
        ValueMeasurement model = modelOf.apply(person);
        Map<String, Integer> known = new LinkedHashMap<>();
        for (int h : history) {
            known.put(columns.get(h), answers[person][h]);
        }
        return 1 + Choices.argmax(model.predictive(model.posterior(known), columns.get(item)));
    }
}
