package org.valuesim.scenarios.bench;

import java.util.Optional;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.scenarios.scenario.InputException;

/**
 * Where the paper's story module gets its model: the scenario's models by name, so that bench needs none of the
 * run's wiring (which builds this from its {@code Models}).
 */
@FunctionalInterface
public interface StoryModels {

    /** A model as the story writer calls it. */
    record StoryModel(ModelGateway gateway, double temperature) {
    }

    /**
     * The scenario's model of that name, empty when the scenario has none by that name.
     *
     * @throws InputException when the model is there but cannot be reached (its gateway's checks)
     */
    Optional<StoryModel> named(String name) throws InputException;
}
