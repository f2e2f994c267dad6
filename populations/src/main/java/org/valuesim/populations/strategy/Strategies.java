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

    public static Optional<PopulationStrategy> byId(String id) {
        if (SampledStrategy.ID.equals(id)) {
            return Optional.of(new SampledStrategy());
        }
        for (DominantValueStrategy.Mix mix : DominantValueStrategy.Mix.values()) {
            DominantValueStrategy strategy = new DominantValueStrategy(mix);
            if (strategy.id().equals(id)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }
}
