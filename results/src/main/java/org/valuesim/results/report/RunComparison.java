package org.valuesim.results.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.valuesim.results.record.ResultsRecord;
import org.valuesim.results.record.SummaryNumbers;

/**
 * Two runs' statistics side by side: every number of their summaries by its path ({@link SummaryNumbers}), with the
 * arrays' elements (intervals, matrices, coordinates, shares, the dilemmas' per-round series) one by one.
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
        Map<String, Double> a = SummaryNumbers.of(ResultsRecord.read(runA).summary());
        Map<String, Double> b = SummaryNumbers.of(ResultsRecord.read(runB).summary());
        LinkedHashSet<String> paths = new LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<Row> rows = new ArrayList<>();
        for (String path : paths) {
            rows.add(new Row(path, a.getOrDefault(path, Double.NaN), b.getOrDefault(path, Double.NaN)));
        }
        return rows;
    }
}
