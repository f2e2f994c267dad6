package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.valuesim.core.files.InvalidFieldException;

/**
 * One survey item.
 *
 * @param id       stable identifier, unique within the instrument
 * @param text     the item as shown to the respondent
 * @param scale    the scale it scores (a Schwartz value id for value instruments); null for an unscored item
 * @param reversed whether it is reverse-keyed on its scale
 * @param aspect   the part of life it is about, for backstories (beliefs, politics, daily life); null for the default
 * @param response how this item is answered, when it differs from the instrument's response
 * @param human    human answer shares per group (the instrument's {@code human-group} attribute, e.g. country),
 *                 one share per option in the options' order; empty when there are none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Item(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String text,
        String scale,
        boolean reversed,
        String aspect,
        ResponseScale response,
        Map<String, double[]> human) {

    public Item {
        human = human == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(human));
        if (reversed && scale == null) {
            throw new InvalidFieldException("/reversed", "item " + id + " is reversed but scores no scale");
        }
    }

    public Item(String id, String text, String scale, boolean reversed, String aspect) {
        this(id, text, scale, reversed, aspect, null, null);
    }

    public Item(String id, String text, String scale, boolean reversed) {
        this(id, text, scale, reversed, null, null, null);
    }
}
