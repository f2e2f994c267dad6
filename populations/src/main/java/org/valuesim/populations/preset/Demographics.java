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
 * @param pooling   the pseudo-count that shrinks each cell's value offsets towards zero (partial pooling); 0 in a
 *                  preset without values
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
     *                     times n / (n + pooling); null in a preset without values
     * @param dominance    value id (or "none") to the share of the cell's people with that dominant value; null in a
     *                     preset without values
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Cell(
            @JsonProperty(required = true) Map<String, String> attributes,
            @JsonProperty(required = true) int respondents,
            @JsonProperty(required = true) double share,
            double[] valueOffsets,
            Map<String, Double> dominance) {

        public Cell {
            attributes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
            dominance = dominance == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dominance));
        }
    }
}
