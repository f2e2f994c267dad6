package org.valuesim.results.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Two runs' statistics side by side: every number of summary.json that is a single value, by its dotted path,
 * and the dilemmas' per-round series as {@code path[round]} (other lists, such as matrices, coordinates and
 * shares, are left out).
 */
public final class RunComparison {

    /** One statistic: its path and the two runs' values (NaN where a run lacks it). */
    public record Row(String path, double a, double b) {

        public double difference() {
            return b - a;
        }
    }

    private RunComparison() {
    }

    public static List<Row> compare(Path runA, Path runB) throws IOException {
        Map<String, Double> a = scalars(read(runA));
        Map<String, Double> b = scalars(read(runB));
        LinkedHashSet<String> paths = new LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<Row> rows = new ArrayList<>();
        for (String path : paths) {
            rows.add(new Row(path, a.getOrDefault(path, Double.NaN), b.getOrDefault(path, Double.NaN)));
        }
        return rows;
    }

    private static JsonNode read(Path run) throws IOException {
        Path summary = run.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            throw new IOException(run + " has no summary.json: not a finished valuesim results folder");
        }
        return new ObjectMapper().readTree(summary.toFile());
    }

    private static Map<String, Double> scalars(JsonNode root) {
        Map<String, Double> out = new LinkedHashMap<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String prefix, JsonNode node, Map<String, Double> out) {
        if (node.isNumber()) {
            out.put(prefix, node.asDouble());
        } else if (node.isArray() && prefix.endsWith("_by_round")) {
            for (int round = 0; round < node.size(); round++) {
                collect(prefix + "[" + (round + 1) + "]", node.get(round), out);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        }
    }
}
