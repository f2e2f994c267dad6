package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A survey instrument: shared instructions and question, one response scale, and its items.
 *
 * @param source where the item texts come from and under which terms
 */
public record Instrument(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String title,
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) String instructions,
        @JsonProperty(required = true) String question,
        @JsonProperty(required = true) ResponseScale response,
        @JsonProperty(required = true) List<Item> items) {

    public Instrument {
        items = List.copyOf(items);
        Set<String> seen = new HashSet<>();
        for (Item item : items) {
            if (!seen.add(item.id())) {
                throw new IllegalArgumentException("instrument " + id + " has two items with id " + item.id());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("instrument " + id + " has no items");
        }
    }
}
