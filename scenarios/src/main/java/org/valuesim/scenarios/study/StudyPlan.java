package org.valuesim.scenarios.study;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.valuesim.results.study.StudyResults;
import org.valuesim.scenarios.scenario.FieldOverride;

/**
 * A study checked and expanded: every condition and every run planned (each checked as {@code valuesim run} checks a
 * scenario) before anything is written or asked. Runs are in the order they run: replicate 1 of every condition,
 * then replicate 2, so that an interrupted study has the early replicates of all its conditions.
 *
 * @param file     the study file
 * @param sets     the command line's {@code --set} overrides, applied to the base of every condition
 * @param fields   the scenario fields the conditions set, as field paths (study.csv's condition columns)
 * @param headline the headline statistics' names ({@code *} for any one key)
 * @param cache    the model-call cache file every run shares, or null when no run calls a model
 */
public record StudyPlan(Path file, String name, long seed, int replicates, List<FieldOverride> sets,
                        List<String> fields, List<String> headline, List<StudyCondition> conditions,
                        List<PlannedRun> runs, String cache) {

    /** What the study's outputs need to know of its design. */
    public StudyResults.Design design() {
        Map<String, Map<String, JsonNode>> byName = new LinkedHashMap<>();
        conditions.forEach(c -> byName.put(c.name(), c.fields()));
        return new StudyResults.Design(name, seed, replicates, fields, byName, headline);
    }
}
