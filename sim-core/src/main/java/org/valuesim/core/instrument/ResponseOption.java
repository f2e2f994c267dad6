package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One answer option: the number recorded and the label shown to the respondent. */
public record ResponseOption(
        @JsonProperty(required = true) int value,
        @JsonProperty(required = true) String label) {
}
