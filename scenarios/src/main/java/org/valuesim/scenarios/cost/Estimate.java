package org.valuesim.scenarios.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's (or a study's) model calls, tokens and cost before any call, per model. Estimates add up by model
 * name, so a study sums the estimates of its runs.
 *
 * @param models per model, in the scenario's order
 * @param notes  what the estimate could not know exactly (approximated tokenizers, backstories not yet written)
 */
public record Estimate(List<ModelEstimate> models, List<String> notes) {

    public Estimate {
        models = List.copyOf(models);
        notes = List.copyOf(notes);
    }

    public static Estimate none() {
        return new Estimate(List.of(), List.of());
    }

    /**
     * Both estimates, a model's figures added up when both runs call the same model the same way (its name,
     * provider and model, prices and submission); a name a study's conditions point at different models stays apart.
     */
    public Estimate plus(Estimate other) {
        Map<List<Object>, ModelEstimate> byModel = new LinkedHashMap<>();
        for (ModelEstimate m : models) {
            byModel.merge(sameModel(m), m, ModelEstimate::plus);
        }
        for (ModelEstimate m : other.models) {
            byModel.merge(sameModel(m), m, ModelEstimate::plus);
        }
        List<String> allNotes = new ArrayList<>(notes);
        other.notes.stream().filter(n -> !allNotes.contains(n)).forEach(allNotes::add);
        return new Estimate(new ArrayList<>(byModel.values()), allNotes);
    }

    private static List<Object> sameModel(ModelEstimate m) {
        return java.util.Arrays.asList(m.model(), m.description(), m.pricing(), m.batch());
    }

    /** The expected cost over every priced model, US dollars (0 when none is priced). */
    public double cost(boolean batched, boolean promptCached) {
        return models.stream().filter(m -> m.pricing() != null).mapToDouble(m -> m.cost(batched, promptCached)).sum();
    }
}
