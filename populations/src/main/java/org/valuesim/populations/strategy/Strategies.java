package org.valuesim.populations.strategy;

import java.util.List;
import java.util.Optional;

/** The population strategies by their scenario names. */
public final class Strategies {

    private Strategies() {
    }

    public static List<String> ids() {
        return List.of("uniform", "human-naive", "human-even", "human-normalized", SampledStrategy.ID);
    }

    /**
     * Checks fixed demographic attributes against a preset.
     *
     * @throws IllegalArgumentException naming what the preset lacks
     */
    public static void checkFixed(org.valuesim.populations.preset.Preset preset, java.util.Map<String, String> fixed) {
        new DemographicSampler(preset, fixed);
    }

    /**
     * Why a strategy cannot draw from a preset, or null when it can: a preset without values (built from a survey
     * with no value-keyed questions) gives only uniform value-prompted personas.
     */
    public static String cannotDraw(org.valuesim.populations.preset.Preset preset, String strategy) {
        return preset.hasValues() || strategy.equals("uniform") ? null : DominantValueStrategy.noValues(preset, strategy);
    }

    public static Optional<PopulationStrategy> byId(String id) {
        return byId(id, null);
    }

    /**
     * @param noDominantShare for the value-prompting mixes, the share of people with no dominant value, or null
     *                        for the preset's
     */
    public static Optional<PopulationStrategy> byId(String id, Double noDominantShare) {
        if (SampledStrategy.ID.equals(id)) {
            return Optional.of(new SampledStrategy());
        }
        for (DominantValueStrategy.Mix mix : DominantValueStrategy.Mix.values()) {
            DominantValueStrategy strategy = new DominantValueStrategy(mix, noDominantShare);
            if (strategy.id().equals(id)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }
}
