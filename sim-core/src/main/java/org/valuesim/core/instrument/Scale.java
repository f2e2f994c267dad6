package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.valuesim.core.files.InvalidFieldException;

/**
 * What an instrument says about one of its scales.
 *
 * @param label         the scale's name for people (Extraversion)
 * @param valueLoadings how the scale's latent trait leans on the standardised Schwartz value scores, for the
 *                      psychometric respondent: trait = sum(loading x value z) + noise; empty for no link
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Scale(String label, Map<String, Double> valueLoadings) {

    public Scale {
        valueLoadings = valueLoadings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(valueLoadings));
        for (String value : valueLoadings.keySet()) {
            if (org.valuesim.core.values.SchwartzValue.find(value).isEmpty()) {
                throw InvalidFieldException.ofKey("/value-loadings/" + value, "'" + value + "' is not a Schwartz value");
            }
        }
        double sumSquares = valueLoadings.values().stream().mapToDouble(w -> w * w).sum();
        if (!(sumSquares < 1)) {
            throw new InvalidFieldException("/value-loadings", "the loadings' squares must sum below 1, got " + sumSquares);
        }
    }
}
