package org.valuesim.results.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.results.record.AccuracySummary;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.write.Decimals;

/** An accuracy benchmark's results: the accuracy block of its summary.json, and accuracy.csv. */
public final class AccuracyResults {

    public static final String CSV = "accuracy.csv";

    private AccuracyResults() {
    }

    /**
     * @param respondent the predictor whose full-history scores become accuracy.top1 and accuracy.nmae
     * @param scores     per predictor, its scores by history share in increasing order
     */
    public static AccuracySummary.Accuracy accuracy(String respondent, Map<String, List<AccuracyProtocol.Score>> scores) {
        return accuracy(respondent, new AccuracyProtocol.Results(scores, Map.of()));
    }

    /** As above, with each predictor's scores by question group too when the questions fall into several groups. */
    public static AccuracySummary.Accuracy accuracy(String respondent, AccuracyProtocol.Results results) {
        Map<String, AccuracySummary.Predictor> predictors = new LinkedHashMap<>();
        results.overall().forEach((name, byShare) -> {
            List<AccuracySummary.ByHistory> byHistory = byHistory(byShare);
            AccuracySummary.ByHistory full = byHistory.get(byHistory.size() - 1);
            Map<String, List<AccuracyProtocol.Score>> groups = results.byGroup().getOrDefault(name, Map.of());
            Map<String, List<AccuracySummary.ByHistory>> byGroup = null;
            if (groups.size() > 1) {
                byGroup = new LinkedHashMap<>();
                for (var g : groups.entrySet()) {
                    byGroup.put(g.getKey(), byHistory(g.getValue()));
                }
            }
            predictors.put(name, new AccuracySummary.Predictor(full.top1(), full.nmae(), byHistory, byGroup));
        });
        AccuracySummary.Predictor main = predictors.get(respondent);
        return new AccuracySummary.Accuracy(respondent, "full (all other folds)", main.top1(), main.nmae(), predictors);
    }

    private static List<AccuracySummary.ByHistory> byHistory(List<AccuracyProtocol.Score> byShare) {
        return byShare.stream().map(s -> new AccuracySummary.ByHistory(s.history(), s.predictions(), s.failed(),
                s.unreadable(), round(s.top1()), round(s.nmae()))).toList();
    }

    /**
     * Writes summary.json and accuracy.csv into the folder: one row per predictor and history share, then, when the
     * questions fall into several groups, one per predictor, group and share (predictor named {@code name/group}).
     */
    public static void write(Path dir, AccuracySummary summary) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("predictor,history,predictions,failed,unreadable,top1,nmae\n");
        summary.accuracy().predictors().forEach((name, p) -> p.byHistory().forEach(s -> row(csv, name, s)));
        summary.accuracy().predictors().forEach((name, p) -> {
            if (p.byGroup() != null) {
                p.byGroup().forEach((group, rows) -> rows.forEach(s -> row(csv, name + "/" + group, s)));
            }
        });
        ResultsJson.write(dir.resolve("summary.json"), summary);
        Files.writeString(dir.resolve(CSV), csv.toString(), StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder csv, String name, AccuracySummary.ByHistory s) {
        csv.append(name).append(',').append(Decimals.format(s.history(), 2)).append(',').append(s.predictions())
                .append(',').append(s.failed()).append(',').append(s.unreadable()).append(',')
                .append(Decimals.format(s.top1(), 6)).append(',').append(Decimals.format(s.nmae(), 6)).append('\n');
    }

    private static double round(double x) {
        return Decimals.round(x, 6);
    }
}
