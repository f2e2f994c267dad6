package org.valuesim.results.accuracy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.results.write.Decimals;

/** Writes an accuracy benchmark's summary.json (an {@code accuracy} block) and accuracy.csv. */
public final class AccuracyResults {

    private AccuracyResults() {
    }

    /**
     * @param header     what summary.json starts with (data, people, items, folds, seed)
     * @param respondent the predictor whose full-history scores become accuracy.top1 and accuracy.nmae
     * @return the summary as written
     */
    public static Map<String, Object> write(Path dir, Map<String, Object> header, String respondent,
                                            Map<String, List<AccuracyProtocol.Score>> scores) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> predictors = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("predictor,history,predictions,failed,top1,nmae\n");
        for (Map.Entry<String, List<AccuracyProtocol.Score>> e : scores.entrySet()) {
            List<Map<String, Object>> byHistory = new ArrayList<>();
            for (AccuracyProtocol.Score s : e.getValue()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("history", s.history());
                row.put("predictions", s.predictions());
                row.put("failed", s.failed());
                row.put("top1", round(s.top1()));
                row.put("nmae", round(s.nmae()));
                byHistory.add(row);
                csv.append(e.getKey()).append(',').append(Decimals.format(s.history(), 2)).append(',')
                        .append(s.predictions()).append(',').append(s.failed()).append(',')
                        .append(Decimals.format(s.top1(), 6)).append(',')
                        .append(Decimals.format(s.nmae(), 6)).append('\n');
            }
            AccuracyProtocol.Score full = e.getValue().get(e.getValue().size() - 1);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("top1", round(full.top1()));
            p.put("nmae", round(full.nmae()));
            p.put("by_history", byHistory);
            predictors.put(e.getKey(), p);
        }
        AccuracyProtocol.Score main = scores.get(respondent).get(scores.get(respondent).size() - 1);
        Map<String, Object> accuracy = new LinkedHashMap<>();
        accuracy.put("respondent", respondent);
        accuracy.put("history", "full (all other folds)");
        accuracy.put("top1", round(main.top1()));
        accuracy.put("nmae", round(main.nmae()));
        accuracy.put("predictors", predictors);
        Map<String, Object> summary = new LinkedHashMap<>(header);
        summary.put("accuracy", accuracy);
        Files.writeString(dir.resolve("summary.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("accuracy.csv"), csv.toString(), StandardCharsets.UTF_8);
        return summary;
    }

    private static double round(double x) {
        return Decimals.round(x, 6);
    }
}
