package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One survey item.
 *
 * @param id       stable identifier, unique within the instrument
 * @param text     the item as shown to the respondent
 * @param scale    the scale it scores (a Schwartz value id for value instruments)
 * @param reversed whether it is reverse-keyed on its scale
 * @param aspect   the part of life it is about, for backstories (beliefs, politics, daily life); null for the default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String text,
        @JsonProperty(required = true) String scale,
        boolean reversed,
        String aspect) {

    public Item(String id, String text, String scale, boolean reversed) {
        this(id, text, scale, reversed, null);
    }
}
