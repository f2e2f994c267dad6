package org.valuesim.scenarios.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names of the conditions of a {@code vary:} study, readable and usable as folder names: each value's text (a
 * scalar as written; a list or mapping as its keys and values; null as {@code default}) with every run of characters
 * other than letters, digits and '.' written '-', trimmed of '-' and '.' at its ends and cut to 32 characters; values
 * of one field that come out the same get their position in the list appended ({@code -1}, {@code -2}); the fields'
 * parts are joined by '_' in the order the study lists its fields. So {@code population.strategy: [uniform,
 * human-even]} x {@code population.size: [100, 500]} gives {@code uniform_100}, {@code uniform_500},
 * {@code human-even_100} and {@code human-even_500}.
 */
final class ConditionNames {

    static final int PART = 32;

    private ConditionNames() {
    }

    /** Each value's name part, in order (unique within the field). */
    static List<String> parts(List<JsonNode> values) {
        List<String> parts = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode value : values) {
            String part = part(value);
            parts.add(part);
            seen.merge(part, 1, Integer::sum);
        }
        for (int i = 0; i < parts.size(); i++) {
            if (seen.get(parts.get(i)) > 1) {
                parts.set(i, parts.get(i) + "-" + (i + 1));
            }
        }
        return parts;
    }

    static String part(JsonNode value) {
        String text = value == null || value.isNull() ? "default" : value.isValueNode() ? value.asText()
                : String.join(" ", tokens(value));
        String clean = text.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (clean.length() > PART) {
            clean = clean.substring(0, PART).replaceAll("[-.]+$", "");
        }
        return clean.isEmpty() ? "value" : clean;
    }

    private static List<String> tokens(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                out.add(e.getKey());
                out.addAll(tokens(e.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(n -> out.addAll(tokens(n)));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
