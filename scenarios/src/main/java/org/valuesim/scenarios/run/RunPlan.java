package org.valuesim.scenarios.run;

import java.util.List;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.values.HumanReference;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.strategy.PopulationStrategy;
import org.valuesim.scenarios.scenario.ScenarioFile;

/**
 * A scenario checked and resolved against the catalogs: everything a run needs, before anything
 * is written.
 *
 * @param referenceName the human reference's name, or null when the run compares with none
 * @param outcomes      human value-behaviour references to compare the agents' outcomes with (empty when none)
 */
public record RunPlan(ScenarioFile file, long seed, Preset preset, PopulationStrategy strategy,
                      List<Instrument> instruments, String referenceName, HumanReference reference,
                      List<Dilemma> dilemmas, List<ValueOutcomes> outcomes) {

    public String name() {
        return file.scenario().name();
    }

    /** Demographic attributes the scenario fixes (empty when none). */
    public java.util.Map<String, String> fixedDemographics() {
        var d = file.scenario().population().demographics();
        return d == null ? java.util.Map.of() : d;
    }

    /** The population size, or -1 for imported individuals (the data decide). */
    public int size() {
        Integer size = file.scenario().population().size();
        return individuals() || size == null ? -1 : size;
    }

    /** Individual-level accuracy instead of a survey (the scenario's accuracy: section), or null. */
    public org.valuesim.scenarios.scenario.Scenario.Accuracy accuracy() {
        return file.scenario().accuracy();
    }

    public boolean individuals() {
        return file.scenario().population().individuals() != null;
    }

    /** Relabellings for the statistics' permutation tests. */
    public int permutations() {
        return file.scenario().statistics().permutations();
    }

    /** Bootstrap resamples for the intervals of the agreement statistics (0: none). */
    public int bootstrap() {
        return file.scenario().statistics().bootstrap();
    }

    /** Dilemma moves each agent makes. */
    public long movesPerAgent() {
        return dilemmas.stream().mapToLong(Dilemma::rounds).sum();
    }

    public long answersPerAgent() {
        return instruments.stream().mapToLong(i -> i.items().size()).sum();
    }
}
