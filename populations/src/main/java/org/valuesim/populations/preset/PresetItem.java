package org.valuesim.populations.preset;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.valuesim.core.ordinal.OrdinalItemModel;

/**
 * One instrument item of a preset.
 *
 * @param value the Schwartz value the item scores (kebab-case id)
 * @param model its ordered-probit response model on the latent value scale
 */
public record PresetItem(
        @JsonProperty(required = true) String value,
        @JsonProperty(required = true) OrdinalItemModel model) {
}
