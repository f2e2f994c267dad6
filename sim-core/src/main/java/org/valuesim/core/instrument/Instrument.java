package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, Item> seen = new LinkedHashMap<>();
        for (Item item : items) {
            if (seen.put(item.id(), item) != null) {
                throw new IllegalArgumentException("instrument " + id + " has two items with id " + item.id());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("instrument " + id + " has no items");
        }
    }

    /** Items grouped by the scale they score, in order of first appearance. */
    public Map<String, List<Item>> itemsByScale() {
        Map<String, List<Item>> byScale = new LinkedHashMap<>();
        for (Item item : items) {
            byScale.computeIfAbsent(item.scale(), s -> new java.util.ArrayList<>()).add(item);
        }
        return byScale;
    }
}
