package org.valuesim.results.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every number of a record with its path, in file order: object keys joined by dots, array elements as {@code [k]}
 * (from 1), and the rows and columns of arrays beside a {@code values} list (the ten values' matrices and
 * coordinates) as {@code [value-id]}. Undefined numbers (null) are left out. This is how {@code compare} and
 * {@code study} list a summary's statistics, so a new part of the record is listed with no change here.
 */
public final class SummaryNumbers {

    private SummaryNumbers() {
    }

    public static Map<String, Double> of(Object record) {
        Map<String, Double> out = new LinkedHashMap<>();
        collect("", ResultsJson.tree(record), List.of(), out);
        return out;
    }

    /** @param labels the names of this array's elements, empty for 1-based numbers */
    private static void collect(String path, JsonNode node, List<String> labels, Map<String, Double> out) {
        if (node.isNumber()) {
            // a record's NaN is null in its file: undefined, left out here too
            if (Double.isFinite(node.asDouble())) {
                out.put(path, node.asDouble());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String index = labels.size() == node.size() ? labels.get(i) : Integer.toString(i + 1);
                collect(path + "[" + index + "]", node.get(i), labels, out);
            }
        } else if (node.isObject()) {
            List<String> values = new ArrayList<>();
            node.path("values").forEach(v -> values.add(v.asText()));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), values, out);
            }
        }
    }
}
