package org.valuesim.results.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.write.Csv;

/**
 * study.csv, tidy: one row per run and statistic, with the condition, the value of each study field, the replicate,
 * its seed, the run's status, the statistic's name (its path in summary.json, as {@code compare} prints it) and its
 * value as summary.json writes it. A run that did not complete is one row with its status and no statistic.
 */
final class StudyTable {

    private StudyTable() {
    }

    static void write(Path file, StudyResults.Design design, List<StudyRun> runs, List<Map<String, Double>> numbers)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("condition");
            design.fields().forEach(f -> header.append(',').append(Csv.cell(f)));
            out.write(header.append(",replicate,seed,status,statistic,value\n").toString());
            for (int i = 0; i < runs.size(); i++) {
                StudyRun run = runs.get(i);
                StringBuilder start = new StringBuilder(Csv.cell(run.condition()));
                Map<String, JsonNode> fields = design.conditions().get(run.condition());
                for (String field : design.fields()) {
                    start.append(',').append(Csv.cell(StudyResults.cell(fields.get(field))));
                }
                start.append(',').append(run.replicate()).append(',').append(run.seed()).append(',')
                        .append(run.status()).append(',');
                if (!run.completed()) {
                    out.write(start + ",\n");
                    continue;
                }
                for (var statistic : numbers.get(i).entrySet()) {
                    out.write(start + Csv.cell(statistic.getKey()) + "," + ResultsJson.plain(statistic.getValue()) + "\n");
                }
            }
        }
    }
}
