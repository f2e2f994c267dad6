package org.valuesim.scenarios.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.valuesim.scenarios.scenario.FieldOverride;

/**
 * One condition of a study: its name, the overrides it applies to the base scenario (after the command line's
 * {@code --set}), and the value its scenario as run gives each of the study's fields.
 *
 * @param fields per study field (a field path), its value in this condition's scenario as run (absent when none)
 */
public record StudyCondition(String name, List<FieldOverride> overrides, Map<String, JsonNode> fields) {
}
