package org.valuesim.scenarios.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A study file (README.md, "Studies"), as read: a base scenario, the conditions (a factorial {@code vary:} or named
 * {@code conditions:}), replicates and the study's seed. {@link StudyPlanner} checks it and expands it into runs.
 *
 * @param name       names the study folder (default: the file's name without .yaml)
 * @param seed       replicate k runs with seed + k - 1 (default: the base scenario's seed)
 * @param replicates runs per condition (default 1)
 * @param base       a scenario file's path, relative to the study file, or a scenario written here
 * @param vary       field paths, each with a list of values: every combination is a condition
 * @param conditions named sets of field values
 * @param headline   the statistics study.html and study.json summarise per condition (default: see
 *                   {@code StudyResults.DEFAULT_HEADLINE})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyFile(String name, Long seed, Integer replicates, JsonNode base, JsonNode vary,
                        List<Condition> conditions, List<String> headline) {

    /**
     * A named condition.
     *
     * @param set field paths and the values this condition gives them (the same paths as {@code --set})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String name, JsonNode set) {
    }
}
