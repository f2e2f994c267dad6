package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One survey item.
 *
 * @param id       stable identifier, unique within the instrument
 * @param text     the item as shown to the respondent
 * @param scale    the scale it scores (a Schwartz value id for value instruments)
 * @param reversed whether it is reverse-keyed on its scale
 */
public record Item(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String text,
        @JsonProperty(required = true) String scale,
        boolean reversed) {
}
