package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** How an item is answered: a Likert scale with ordered, labelled options. */
public record ResponseScale(
        @JsonProperty(required = true) String kind,
        @JsonProperty(required = true) List<ResponseOption> options) {

    public ResponseScale {
        options = List.copyOf(options);
    }

    public int size() {
        return options.size();
    }

    /** The option with this value, or null. */
    public ResponseOption option(int value) {
        for (ResponseOption o : options) {
            if (o.value() == value) {
                return o;
            }
        }
        return null;
    }
}
