package org.valuesim.populations.survey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read an individual-level survey file: which column holds which instrument item, how the
 * answers are coded, and which codes mean "missing".
 *
 * @param idColumn the respondent id column (optional)
 * @param answers  the file's answer coding
 * @param missing  cell texts that mean a missing answer (blank cells always do)
 * @param items    data column to item, in instrument order
 */
public record Codebook(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String description,
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) String instrument,
        String idColumn,
        @JsonProperty(required = true) AnswerCoding answers,
        List<String> missing,
        @JsonProperty(required = true) Map<String, CodebookItem> items) {

    public Codebook {
        missing = missing == null ? List.of() : List.copyOf(missing);
        items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /**
     * @param min      the lowest code of the file
     * @param max      the highest code
     * @param reversed true when the file's lowest code is the instrument's highest option (raw ESS: 1 = very much like me)
     */
    public record AnswerCoding(
            @JsonProperty(required = true) int min,
            @JsonProperty(required = true) int max,
            boolean reversed) {

        /** The instrument's option (1..k) for a file code. */
        public int toOption(int code) {
            return reversed ? max - code + 1 : code - min + 1;
        }

        public int options() {
            return max - min + 1;
        }
    }

    /** The item a column holds and the Schwartz value it scores. */
    public record CodebookItem(
            @JsonProperty(required = true) String item,
            @JsonProperty(required = true) String value) {
    }
}
