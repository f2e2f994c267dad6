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
        Map<String, AccuracySummary.Predictor> predictors = new LinkedHashMap<>();
        scores.forEach((name, byShare) -> {
            List<AccuracySummary.ByHistory> byHistory = byShare.stream().map(s -> new AccuracySummary.ByHistory(
                    s.history(), s.predictions(), s.failed(), s.unreadable(), round(s.top1()), round(s.nmae()))).toList();
            AccuracySummary.ByHistory full = byHistory.get(byHistory.size() - 1);
            predictors.put(name, new AccuracySummary.Predictor(full.top1(), full.nmae(), byHistory));
        });
        AccuracySummary.Predictor main = predictors.get(respondent);
        return new AccuracySummary.Accuracy(respondent, "full (all other folds)", main.top1(), main.nmae(), predictors);
    }

    /** Writes summary.json and accuracy.csv (one row per predictor and history share) into the folder. */
    public static void write(Path dir, AccuracySummary summary) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("predictor,history,predictions,failed,unreadable,top1,nmae\n");
        summary.accuracy().predictors().forEach((name, p) -> p.byHistory().forEach(s -> csv.append(name).append(',')
                .append(Decimals.format(s.history(), 2)).append(',').append(s.predictions()).append(',')
                .append(s.failed()).append(',').append(s.unreadable()).append(',').append(Decimals.format(s.top1(), 6))
                .append(',')
                .append(Decimals.format(s.nmae(), 6)).append('\n')));
        ResultsJson.write(dir.resolve("summary.json"), summary);
        Files.writeString(dir.resolve(CSV), csv.toString(), StandardCharsets.UTF_8);
    }

    private static double round(double x) {
        return Decimals.round(x, 6);
    }
}
