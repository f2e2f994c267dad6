package org.valuesim.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.run.Planner;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.scenario.FieldOverride;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.ScenarioLoader;

/** Loads and checks a scenario file into a run plan, as run and validate both do. */
final class Plans {

    private Plans() {
    }

    static RunPlan plan(Path scenario, Long seed, List<FieldOverride> overrides) throws InputException {
        var file = new ScenarioLoader().load(scenario, overrides);
        return new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(file, seed);
    }
}
