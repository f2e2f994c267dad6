package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One answer option: the number recorded and the label shown to the respondent.
 *
 * @param serves for allocation options (charitable causes): the Schwartz value the option serves, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseOption(
        @JsonProperty(required = true) int value,
        @JsonProperty(required = true) String label,
        String serves) {

    public ResponseOption(int value, String label) {
        this(value, label, null);
    }
}
