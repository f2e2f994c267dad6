package org.valuesim.scenarios.scenario;

import java.nio.file.Path;

/**
 * Where a field override comes from, as error lines name it before the field path: a {@code --set}
 * argument ("--set population.size: ..."), or a place in a study file with the condition it belongs to
 * ("study.yaml:12:7: conditions[2] (h-even): population.size: ...").
 *
 * @param prefix what an error line about the override starts with, before the field path
 */
public record Origin(String prefix) {

    /** A {@code --set PATH=VALUE} command-line argument. */
    public static Origin argument() {
        return new Origin("--set ");
    }

    /**
     * A place in a file, such as a study's {@code vary:} or {@code conditions:} entry.
     *
     * @param condition what the override belongs to ("conditions[2] (h-even)"), or null
     */
    public static Origin inFile(Path file, int line, int column, String condition) {
        return new Origin(file + ":" + line + ":" + column + ": " + (condition == null ? "" : condition + ": "));
    }
}
