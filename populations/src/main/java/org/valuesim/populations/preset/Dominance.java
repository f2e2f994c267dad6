package org.valuesim.populations.preset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who has a dominant value in the human data (rule: {@link org.valuesim.core.values.DominantValue}).
 *
 * @param margin the lead a value needs over every other (centred scale points)
 * @param none   the share of people with no dominant value
 * @param shares per value id, the share of all people for whom it is dominant (these and none sum to 1)
 */
public record Dominance(
        @JsonProperty(required = true) double margin,
        @JsonProperty(required = true) double none,
        @JsonProperty(required = true) Map<String, Double> shares) {

    public Dominance {
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }
}
