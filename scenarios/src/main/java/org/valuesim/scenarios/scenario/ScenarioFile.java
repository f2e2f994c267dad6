package org.valuesim.scenarios.scenario;

import java.nio.file.Path;

/**
 * A loaded scenario with defaults filled in, and where each of its fields came from (a place in the file,
 * or an override).
 *
 * @param asRunYaml the scenario as it runs, overrides applied and defaults filled in
 */
public record ScenarioFile(Path path, Scenario scenario, String asRunYaml, Sources sources) {

    /** An input error located at the field the JSON pointer names (or its nearest parent). */
    public InputException error(String pointer, String message) {
        return sources.error(pointer, message);
    }

    /** A path in the scenario, resolved against the scenario file's folder. */
    public Path resolve(String relative) {
        Path parent = path.toAbsolutePath().getParent();
        return parent.resolve(relative).normalize();
    }
}
