package org.valuesim.scenarios.catalog;

import java.nio.file.Path;
import org.valuesim.populations.preset.Preset;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.StrictReader;

/** Preset files users give by path (what {@code preset build} writes), read strictly with located errors. */
public final class PresetFiles {

    private PresetFiles() {
    }

    public static Preset read(Path file) throws InputException {
        return StrictReader.json().read(file, Preset.class);
    }
}
