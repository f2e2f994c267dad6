package org.valuesim.populations.preset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who the people of a preset are, jointly with their values.
 *
 * @param marginals attribute to category to share, over the people for whom the attribute is known
 * @param cells     every combination of categories seen among the people with all attributes known
 * @param pooling   the pseudo-count that shrinks each cell's value offsets towards zero (partial pooling)
 */
public record Demographics(
        @JsonProperty(required = true) Map<String, Map<String, Double>> marginals,
        @JsonProperty(required = true) List<Cell> cells,
        @JsonProperty(required = true) double pooling) {

    public Demographics {
        marginals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(marginals));
        cells = List.copyOf(cells);
    }

    /**
     * One combination of demographic categories.
     *
     * @param attributes   attribute to category
     * @param respondents  how many people are in it
     * @param share        their share of the people with every attribute known
     * @param valueOffsets per value (circular order), the cell's mean value score minus everyone's,
     *                     times n / (n + pooling)
     * @param dominance    value id (or "none") to the share of the cell's people with that dominant value
     */
    public record Cell(
            @JsonProperty(required = true) Map<String, String> attributes,
            @JsonProperty(required = true) int respondents,
            @JsonProperty(required = true) double share,
            @JsonProperty(required = true) double[] valueOffsets,
            @JsonProperty(required = true) Map<String, Double> dominance) {

        public Cell {
            attributes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
            dominance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dominance));
        }
    }
}
